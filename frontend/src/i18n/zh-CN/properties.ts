// zh-CN: projects, buildings and units.
export default {
  properties: {
    areaSqm: '{n} ㎡', unitList: '房源列表', roomSearch: '房号', noUnits: '没有符合条件的房源', grossArea: '建筑面积（㎡）',
    floorLabel: '楼层',     tree: '项目楼栋', company: '城市公司', project: '项目', building: '楼栋', unit: '房屋', floors: '层',
    chooseBuilding: '请先选择一个楼栋查看楼盘表', grid: '楼盘表', floor: '{n} 层', stack: '户号',
    importUnits: '导入楼栋房屋', exportUnits: '导出房屋', legend: '图例', unitDetail: '房屋详情',
    room: '房号', layout: '户型', predictedGross: '预测建筑面积', predictedInternal: '预测套内面积',
    measuredGross: '实测建筑面积', measuredInternal: '实测套内面积', status: '状态', deliveryDate: '交付日期',
    owners: '产权人', noOwners: '暂无产权人', history: '变更记录', buildingCount: '{n} 栋', unitCount: '{n} 户',
    noBuildings: '该项目还没有楼栋，可通过“导入楼栋房屋”批量创建', searchTree: '搜索项目或楼栋',
    byPrice: '按价格着色', priceLegend: '总价（万元）', unpriced: '未定价', wan: '{n}万', noPrices: '该楼栋没有生效的价格表',
  },
}
