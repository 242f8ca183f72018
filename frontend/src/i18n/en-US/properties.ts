// en-US: projects, buildings and units.
export default {
  properties: {
    areaSqm: '{n} ㎡', unitList: 'Units', roomSearch: 'Room number', noUnits: 'No units match', grossArea: 'Gross area (㎡)',
    floorLabel: 'Floor',     tree: 'Projects and buildings', company: 'City company', project: 'Project', building: 'Building', unit: 'Unit',
    floors: 'floors', chooseBuilding: 'Choose a building to see its unit grid', grid: 'Unit grid',
    floor: 'Floor {n}', stack: 'Stack', importUnits: 'Import buildings and units', exportUnits: 'Export units',
    legend: 'Legend', unitDetail: 'Unit details', room: 'Room', layout: 'Layout', predictedGross: 'Predicted gross area',
    predictedInternal: 'Predicted internal area', measuredGross: 'Measured gross area', measuredInternal: 'Measured internal area',
    status: 'Status', deliveryDate: 'Delivery date', owners: 'Owners', noOwners: 'No owners yet', history: 'History',
    buildingCount: '{n} buildings', unitCount: '{n} units',
    byPrice: 'Colour by price', priceLegend: 'Total price (10k yuan)', unpriced: 'No price', wan: '{n}', noPrices: 'No price list is in force for this building',
    noBuildings: 'This project has no buildings yet. Use “Import buildings and units” to create them.',
    searchTree: 'Search projects or buildings',
  },
}
