// Example parameters: copy, edit, and pass with `az deployment group create --parameters infra/my.bicepparam`.
// Keys are never parameters: put each in the Key Vault (output keyVaultName) under the secret named here.
using 'main.bicep'

param namePrefix = 'assay'

// The API's Entra ID app registration (README "Identity and roles"): callers need a token for it; holders of its
// Assay.Admin app role see every run. Replace with your registration's application (client) id.
param authClientId = '00000000-0000-0000-0000-000000000000'
param authAdminRole = 'Assay.Admin'

// Private (the default): storage, Key Vault and Azure OpenAI only through private endpoints in the deployment's
// virtual network. For a short trial without a network, use 'Public' (README "Network access").
param networkAccess = 'Private'
param endpoints = [
  { name: 'gpt4o-mini', kind: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', keySecretName: 'openai-key' }
  { name: 'llama-vllm', kind: 'OpenAICompatible', baseUrl: 'https://gpu-host.example.com/v1', model: 'meta-llama/Llama-3.1-8B-Instruct' }
]
param deployAzureOpenAI = true
param appSettings = {
  Intake__DefaultTargets__0: 'null'
  Intake__DefaultTargets__1: 'refuse'
  Intake__DefaultTargets__2: 'gpt4o-mini'
  Nightly__Entries__xstest__Benchmark: 'nightly/xstest_prompts.csv'
  Nightly__Entries__xstest__Targets__0: 'gpt4o-mini'
  Nightly__Entries__xstest__Targets__1: 'azure'
  Purge__MaxAge: '30.00:00:00'
}
param deployEventSubscription = false
