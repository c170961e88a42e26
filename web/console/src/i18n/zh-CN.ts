// Chinese (the default language): every string of the console. Keys follow the glossary in
// shared/docs/DOMAIN.md (case, grid, unit, category, dispatch, verify …).
import { adminZhCN } from './admin.zh-CN.ts';
import { casesZhCN } from './cases.zh-CN.ts';
import { communityZhCN } from './community.zh-CN.ts';
import { mapZhCN } from './map.zh-CN.ts';

export const zhCN = {
  'app.name': '网格化服务管理平台',
  'app.shortName': '网格',
  'app.title': '网格 Wangge',

  'menu.workbench': '工作台',
  'menu.intake': '案件登记',
  'menu.map': '一张图',
  'menu.bigScreen': '大屏',
  'menu.reports': '考核评价',
  'menu.admin': '系统管理',

  'lang.label': '语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'login.title': '登录',
  'login.subtitle': '网格化服务管理平台 · 指挥中心',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.attemptsLeft': '还可尝试 {n} 次，之后账号将被锁定',
  'login.lockedUntil': '账号锁定至 {time}',
  'login.demoHint': '演示账号：admin、leader、operator 等，密码 Wangge@2026',

  'header.scope': '辖区',
  'header.units': '单位',
  'header.logout': '退出登录',
  'header.roles': '角色',

  'auth.loggedOut': '已退出登录',
  'auth.sessionEnded': '登录已失效，请重新登录',
  'auth.idleLoggedOut': '您已 {minutes} 分钟无操作，已自动退出登录',

  'role.operator': '受理员',
  'role.supervisor': '值班长',
  'role.dispatcher': '派遣员',
  'role.inspector': '监督员',
  'role.grid_worker': '网格员',
  'role.handler': '承办单位人员',
  'role.leader': '领导',
  'role.admin': '系统管理员',
  'role.display': '大屏展示',

  'workbench.welcome': '您好，{name}',
  'workbench.intro': '工作台将列出您的待办队列：待立案、待派遣、退回、待审批、待核查、即将超时、已超时。',
  'workbench.username': '用户名',
  'workbench.roles': '角色',
  'workbench.scope': '管辖范围',
  'workbench.units': '承办单位',
  'workbench.lastLogin': '上次登录',
  'workbench.idleTimeout': '无操作自动退出',
  'workbench.minutes': '{n} 分钟',
  'workbench.none': '无',

  'comingSoon.title': '{screen}：建设中',
  'comingSoon.body': '此页面将在后续版本中提供。',
  'comingSoon.back': '返回工作台',

  'notFound.title': '页面不存在',
  'notFound.back': '返回工作台',

  'state.loading': '加载中…',
  'state.empty': '暂无数据',
  'state.error': '加载失败',
  'state.retry': '重试',

  'error.title': '操作失败',
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '发生意外错误，请稍后重试',
  'error.pageCrashed': '页面出错了',
  'error.reload': '重新加载',
  ...casesZhCN,
  ...mapZhCN,
  ...adminZhCN,
  ...communityZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
