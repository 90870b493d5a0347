/**
 * The desk dictionary: domain words kept whole by the tokenizer. `Intl.Segmenter` knows
 * everyday Chinese but splits most service-desk words (打印机 → 打印|机, 携号转网 → 携|号|转|网),
 * so a run of Chinese text is also matched against this list. Lowercase, no spaces. Words
 * missing here still match through the bigrams the tokenizer adds (see tokenize.ts).
 */

const WORDS = `
打印机 打印 扫描仪 扫描 复印机 复印 一体机 硒鼓 墨盒 碳粉 卡纸 打印队列 打印任务 脱机 驱动 驱动程序 网络打印机 共享打印机
话费 话费查询 话费查对 账单 电子账单 详单 通话详单 月租 月费 资费 扣费 欠费 缴费 充值 交费 预存 余额 发票 退费 退款 赔偿 补偿 积分
流量 流量包 加油包 流量加油包 定向流量 流量卡 上网流量 漫游 国际漫游 国际长途 长途 短信 彩信 彩铃 来电显示 呼叫转移 语音信箱 增值业务
套餐 套餐变更 主套餐 融合套餐 合约 合约期 合约机 携号转网 停机保号 停机 复机 销户 过户 补卡 换卡 副卡 主卡 亲情号 集团网 靓号 实名认证 实名制 身份证
开户 入网 办理 退订 订购 宽带 光猫 路由器 无线路由器 无线网 无线网络 网线 网口 网卡 网速 断网 掉线 无法上网 上网 移动网络 信号 信号弱 无信号 基站 覆盖 弱覆盖
手机 座机 话机 分机 耳机 麦克风 听筒 免提 来电 去电 呼叫 通话 通话质量 杂音 回声 单通 掉话 接通率
密码 密码重置 重置 初始密码 忘记密码 修改密码 解锁 锁定 账号 账户 帐号 工号 用户名 登录 登陆 登出 验证码 动态口令 令牌 双因素 二次验证 认证 授权 权限
邮箱 邮件 电子邮件 收件箱 发件箱 附件 群发 垃圾邮件 钓鱼邮件 邮件规则 自动回复 邮箱容量 通讯录 日历 会议邀请
电脑 笔记本 台式机 显示器 键盘 鼠标 蓝屏 死机 黑屏 开机 关机 重启 系统更新 补丁 杀毒软件 病毒 木马 勒索病毒 防火墙 代理 证书 浏览器
办公软件 激活 许可证 安装 卸载 客户端 软件 升级 远程桌面 远程协助 共享盘 共享文件夹 网盘 文件夹 备份 数据恢复 硬盘 内存 投影仪 视频会议 会议室
服务台 坐席 值班长 专家坐席 一线 二线 三线 工单 派单 转派 升级 回访 满意度 投诉 工信部 申诉 催办 加急 报障 故障 维修 上门 预约 营业厅 客服
服务请求 咨询 查询 变更 规程 流程 话术 知识库 业务 品牌 优先级 影响度 紧急度 触点 触点编码 首问负责 开场白 结束语
`;

/** Every desk word, lowercase. */
export const DESK_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Desk words by their first character (the dictionary scan looks up one character per position). */
export const DESK_WORDS_BY_FIRST: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const w of DESK_WORDS) {
    const list = m.get(w[0]!) ?? [];
    list.push(w);
    m.set(w[0]!, list);
  }
  return m;
})();
