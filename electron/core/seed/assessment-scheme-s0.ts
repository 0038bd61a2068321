/**
 * The default 考核 scheme: 200 points (seed S0, 《小城镇建设实施意见》). S0 fixes the total and the prizes but
 * refers to a separate 《考核实施细则》 for the items, so the items below follow S0's own task list
 * (三、具体内容 and 四、具体措施) with its numeric targets; the point split is ours [G]. The 报表 item's wording
 * comes from a real scheme (domain.md §1.4). Sum of max points = 200.
 */
export interface SchemeItem {
  name: string;
  maxPoints: number;
  criteria: string;
}

export const S0_SCHEME_ITEMS: readonly SchemeItem[] = [
  {
    name: '规划编制',
    maxPoints: 20,
    criteria: '制订小城镇中长期发展规划、近期目标和实施方案，规划按法定程序报批；无规划扣10分，未报批扣5分',
  },
  {
    name: '组织领导',
    maxPoints: 15,
    criteria: '成立镇党委书记任组长的领导组；干部包街包点、“门前五包”、专职保洁队伍、建章立制，每缺一项扣3分',
  },
  {
    name: '绿化、硬化、亮化',
    maxPoints: 30,
    criteria: '人均绿化面积达到3平方米；镇区主干道硬化率、路沿石铺设率100%；主干道安装节能路灯。每项未达标扣5–10分',
  },
  {
    name: '自来水与雨污管网',
    maxPoints: 20,
    criteria: '自来水普及率70%；完善雨污管网，实现雨污分流。普及率每低5个百分点扣2分',
  },
  { name: '水冲式公厕', maxPoints: 10, criteria: '每个乡镇至少两个水冲式公厕，少一个扣5分' },
  { name: '垃圾中转站', maxPoints: 10, criteria: '建有垃圾中转站，垃圾村镇收集、市运输处理；未建扣10分' },
  {
    name: '文化广场与健身场所',
    maxPoints: 15,
    criteria: '建好文化广场及休闲健身场所，园林绿化到位；未建扣10分，功能不全扣5分',
  },
  { name: '农贸市场', maxPoints: 15, criteria: '增建一个农贸市场，解决占道经营问题；未建扣10分，仍有占道经营扣5分' },
  { name: '机关“五个一”', maxPoints: 10, criteria: '会议室、食堂、洗浴室、娱乐室、水冲式厕所各一个，缺一项扣2分' },
  { name: '“四区”建设', maxPoints: 15, criteria: '工业园区、新型社区、商贸物流区、公益事业园区，每区未启动扣3–4分' },
  { name: '综合治理', maxPoints: 20, criteria: '集中治理“七乱”，专项治理占道经营、交通拥堵；每发现一处突出问题扣2分' },
  {
    name: '资金筹措与经营城镇',
    maxPoints: 10,
    criteria: '盘活土地、资产等资源，引入市场机制，争取项目资金；配套资金未按1:1落实扣5分',
  },
  { name: '宣传与氛围', maxPoints: 8, criteria: '宣传小城镇建设的重要性、必要性和紧迫性，营造人人参与的氛围' },
  { name: '计划、报表编报', maxPoints: 2, criteria: '按月及时上报；未按要求上报扣1分，未及时上报扣0.5分' },
];
