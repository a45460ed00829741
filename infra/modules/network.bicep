// The private network of networkAccess = 'Private': one virtual network with a subnet delegated to the Flex Consumption
// app's outbound integration and a subnet for private endpoints, and the private DNS zones that make storage, Key Vault
// and Azure OpenAI names resolve to those endpoints from inside it.

@description('Region of the virtual network.')
param location string

@description('Name of the virtual network.')
param name string

@description('Address space of the virtual network; the two subnets are its first two /24 blocks.')
param addressPrefix string

@description('Create the Azure OpenAI private DNS zone.')
param openAI bool

var zoneNames = union({
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
}, openAI ? { openai: 'privatelink.openai.azure.com' } : {})

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments (not serverFarms).
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for zone in items(zoneNames): {
  name: zone.value
  location: 'global'
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (zone, i) in items(zoneNames): {
  parent: zones[i]
  name: name
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}]

@description('Subnet of the app\'s virtual network integration.')
output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app')

@description('Subnet of the private endpoints.')
output endpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'private-endpoints')

@description('Private DNS zone id per endpoint kind (blob, queue, table, vault, openai).')
output zoneIds object = toObject(items(zoneNames), zone => zone.key, zone => resourceId('Microsoft.Network/privateDnsZones', zone.value))
