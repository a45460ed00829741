// One private endpoint with its DNS registration: the target resource's name then resolves to an address in the
// private-endpoints subnet from inside the virtual network.

@description('Region of the endpoint (the virtual network region).')
param location string

@description('Endpoint name.')
param name string

@description('Subnet of the endpoint.')
param subnetId string

@description('Resource the endpoint connects to.')
param targetId string

@description('Sub-resource (group id): blob, queue, table, vault or account.')
param groupId string

@description('Private DNS zone that receives the endpoint\'s A record.')
param zoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: groupId, properties: { privateDnsZoneId: zoneId } }]
  }
}
