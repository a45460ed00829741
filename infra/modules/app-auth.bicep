// App Service authentication (Easy Auth) in front of the Functions app: every request needs an Entra ID token for the
// API's app registration, or gets 401, except the blob trigger's Event Grid webhook (Event Grid cannot present a token
// there; the webhook checks its blobs_extension system key instead). The platform strips caller-supplied
// X-MS-CLIENT-PRINCIPAL* headers and sets them from the validated token, so the app can trust them for identity and
// roles: the app registration's app roles (e.g. "admin") arrive as "roles" claims. See README "Identity and roles".

@description('Function app name.')
param appName string

@description('Application (client) id of the API\'s Entra ID app registration.')
param clientId string

@description('OpenID issuer: https://login.microsoftonline.com/{tenant}/v2.0 for v2 access tokens, https://sts.windows.net/{tenant}/ for v1.')
param openIdIssuer string

@description('Accepted token audiences.')
param allowedAudiences array

@description('Client application ids allowed to call (empty: any application of the tenant that obtains a token).')
param allowedClientApplications array

@description('Paths served without a token.')
param excludedPaths array

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401' // an API: no login redirects
      excludedPaths: excludedPaths
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          openIdIssuer: openIdIssuer
        }
        validation: {
          allowedAudiences: allowedAudiences
          defaultAuthorizationPolicy: empty(allowedClientApplications) ? null : {
            allowedApplications: allowedClientApplications
          }
        }
      }
    }
    login: { tokenStore: { enabled: false } } // bearer tokens only; nothing to store
  }
}
