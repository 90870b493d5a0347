/**
 * The vocabulary of the search benchmark's generated articles: the topics a telecom / IT
 * service desk writes knowledge for, each in Chinese and English, with title patterns,
 * symptoms, causes, steps, what to tell the caller, tags, a category and touchpoints.
 * `{v}` in a title or sentence is replaced by a variant (a device, a region, a version…).
 */

/** One language's words for a topic. */
export type TopicText = {
  titles: string[];
  symptoms: string[];
  causes: string[];
  steps: string[];
  say: string[];
  tags: string[];
};

/** A topic with its category, touchpoints and variants, in both languages. */
export type Topic = { category: string; touchpoints: string[]; variants: string[]; zh: TopicText; en: TopicText };

/** The topics, each in Chinese and English. */
export const TOPICS: Topic[] = [
  {
    category: 'printing',
    touchpoints: [],
    variants: ['HP LaserJet M404', 'Canon iR-ADV C3520', 'Brother HL-L2350', 'Ricoh MP 2555', 'Epson L3150', 'Kyocera M2540'],
    zh: {
      titles: ['{v} 打印机显示脱机怎么办', '打印机脱机无法打印（{v}）', '{v} 打印任务卡在队列中', '共享打印机 {v} 无法连接'],
      symptoms: ['用户反映打印机状态显示“脱机”，打印任务一直排队。', '点击打印后没有反应，打印队列中任务显示“错误”。', '其他同事可以正常打印，只有该用户的电脑无法打印。', '打印机面板没有报错，但电脑上显示脱机。'],
      causes: ['打印机IP地址变更，电脑上的端口仍指向旧地址。', '打印后台处理程序（Print Spooler）服务停止。', '驱动程序版本过旧或安装错误。', '网络打印机与电脑不在同一网段。'],
      steps: ['确认打印机已开机、无卡纸、面板无报错。', '在打印机面板上打印网络配置页，记录当前IP地址。', '在电脑“设备和打印机”中右键打印机，取消勾选“脱机使用打印机”。', '清空打印队列中的所有任务。', '重启 Print Spooler 服务。', '检查打印机端口是否指向正确的IP地址，如不一致则修改。', '重新安装最新版驱动程序。', '打印测试页确认恢复。'],
      say: ['您好，请您先看一下打印机面板上有没有红灯或报错提示。', '我现在远程协助您检查一下打印机设置，请稍等。'],
      tags: ['打印机', '脱机', '驱动', '打印队列'],
    },
    en: {
      titles: ['{v} shows offline', 'Printer offline, jobs stuck in the queue ({v})', 'Cannot print to the shared printer {v}', '{v}: print jobs stay in the queue'],
      symptoms: ['The printer shows as offline and jobs wait in the queue.', 'Nothing happens after clicking Print; the queue shows an error.', 'Colleagues can print, only this user cannot.', 'The printer panel shows no error but the computer says offline.'],
      causes: ['The printer got a new IP address and the port still points at the old one.', 'The Print Spooler service has stopped.', 'The driver is outdated or was installed incorrectly.', 'The network printer is on another subnet.'],
      steps: ['Check that the printer is on, has no paper jam and shows no error.', 'Print the network configuration page from the printer panel and note its IP address.', 'In Devices and Printers, right-click the printer and clear "Use Printer Offline".', 'Cancel every job in the print queue.', 'Restart the Print Spooler service.', 'Check that the printer port points at the right IP address and fix it if not.', 'Reinstall the latest driver.', 'Print a test page to confirm.'],
      say: ['Could you check whether the printer panel shows a red light or an error message?', 'I will connect with remote assistance and check the printer settings, one moment please.'],
      tags: ['printer', 'offline', 'driver', 'print queue'],
    },
  },
  {
    category: 'printing',
    touchpoints: [],
    variants: ['HP LaserJet M404', 'Canon iR-ADV C3520', 'Ricoh MP 2555', 'Brother MFC-L2710', 'Xerox B215'],
    zh: {
      titles: ['{v} 卡纸处理方法', '{v} 频繁卡纸', '扫描到邮箱失败（{v}）', '{v} 硒鼓更换与碳粉不足提示'],
      symptoms: ['打印机提示卡纸，取出纸张后仍然报错。', '扫描文件无法发送到邮箱，提示SMTP错误。', '打印出的文件颜色变淡，有白色条纹。', '面板提示碳粉不足，需要更换硒鼓。'],
      causes: ['纸张受潮或纸张规格不符。', '进纸辊老化。', '扫描到邮件的发件服务器密码已过期。', '硒鼓寿命已到。'],
      steps: ['按面板提示打开前盖和后盖，轻轻取出卡住的纸张。', '检查纸盒中的纸张是否平整，必要时更换新纸。', '关闭所有盖板后重启打印机。', '在打印机管理页面更新扫描到邮件的账号密码。', '更换硒鼓并摇匀碳粉，撕掉封条。', '如仍频繁卡纸，登记工单并预约上门维修。'],
      say: ['请您先关闭打印机电源，再打开前盖，注意定影器部位温度较高。', '硒鼓属于耗材，我帮您登记领用申请。'],
      tags: ['打印机', '卡纸', '扫描', '硒鼓'],
    },
    en: {
      titles: ['{v}: clearing a paper jam', '{v} keeps jamming', 'Scan to e-mail fails on {v}', '{v}: replacing the toner cartridge'],
      symptoms: ['The printer reports a paper jam even after the paper was removed.', 'Scanned documents are not sent to e-mail; the panel shows an SMTP error.', 'Prints are faded with white stripes.', 'The panel says toner low and the cartridge must be replaced.'],
      causes: ['Damp paper or the wrong paper size.', 'Worn pick-up rollers.', 'The password of the scan-to-mail account has expired.', 'The toner cartridge is at the end of its life.'],
      steps: ['Open the front and rear covers as the panel shows and gently pull out the jammed paper.', 'Check that the paper in the tray is flat; replace it if needed.', 'Close every cover and restart the printer.', 'Update the scan-to-mail account password on the printer web page.', 'Replace the toner cartridge, shake it and remove the seal.', 'If it keeps jamming, raise a ticket and book an engineer visit.'],
      say: ['Please switch the printer off before opening the front cover; the fuser can be hot.', 'Toner is a consumable; I will raise the request for a new cartridge.'],
      tags: ['printer', 'paper jam', 'scanner', 'toner'],
    },
  },
  {
    category: 'accounts',
    touchpoints: [],
    variants: ['域账号', 'OA系统', 'ERP', 'HR系统', 'Windows'],
    zh: {
      titles: ['{v} 密码重置流程', '{v} 账号被锁定如何解锁', '忘记 {v} 密码怎么办', '{v} 登录提示密码过期'],
      symptoms: ['用户多次输错密码，账号被锁定。', '登录时提示“密码已过期，请修改密码”。', '用户忘记密码，无法登录电脑。', '修改密码后手机邮箱仍然提示密码错误。'],
      causes: ['连续5次输入错误密码触发锁定策略。', '密码有效期为90天，已到期。', '手机或其他设备仍在使用旧密码反复尝试登录。'],
      steps: ['核实来电人身份：工号、姓名、所在部门，并通过手机验证码确认。', '在账号管理平台查询账号状态。', '如账号被锁定，执行解锁操作。', '重置为临时密码，并勾选“下次登录时必须修改密码”。', '通过短信将临时密码发送到用户登记的手机号码。', '提醒用户在手机、平板等设备上更新新密码。', '在工单中记录身份核实方式和处理结果。'],
      say: ['为了保障您的账号安全，我需要先核实一下您的身份，请提供您的工号。', '临时密码已经发送到您的手机，请在登录后立即修改。'],
      tags: ['密码', '账号', '重置', '解锁'],
    },
    en: {
      titles: ['{v} password reset', 'Unlocking a locked {v} account', 'Forgotten {v} password', '{v} sign-in says the password has expired'],
      symptoms: ['The user typed a wrong password several times and the account is locked.', 'Sign-in says "Your password has expired and must be changed".', 'The user forgot the password and cannot log on.', 'After a password change the phone keeps saying the password is wrong.'],
      causes: ['Five wrong passwords in a row trigger the lockout policy.', 'Passwords expire after 90 days.', 'A phone or another device keeps trying the old password.'],
      steps: ['Verify the caller: work number, name, department, and a one-time code sent to their phone.', 'Look up the account in the identity portal.', 'If the account is locked, unlock it.', 'Reset it to a temporary password and tick "User must change password at next logon".', 'Send the temporary password by SMS to the registered mobile number.', 'Remind the user to update the password on phones and tablets.', 'Record how the identity was verified and the outcome in the ticket.'],
      say: ['To protect your account I first need to verify your identity; may I have your work number?', 'The temporary password is on its way to your phone; please change it right after signing in.'],
      tags: ['password', 'account', 'reset', 'unlock'],
    },
  },
  {
    category: 'email',
    touchpoints: [],
    variants: ['Outlook', 'Foxmail', 'iPhone 邮件', 'Android 邮箱', 'Webmail'],
    zh: {
      titles: ['{v} 无法收发邮件', '{v} 邮箱容量已满', '{v} 一直提示输入密码', '{v} 邮件发送失败退信'],
      symptoms: ['用户的邮件停留在发件箱，无法发送。', '提示邮箱容量已满，无法接收新邮件。', '客户端反复弹出密码输入框。', '发送邮件后收到退信，提示收件人不存在。'],
      causes: ['邮箱容量超过配额。', '客户端保存的密码已过期。', '附件超过25MB限制。', '收件人地址拼写错误。'],
      steps: ['确认网页版邮箱是否可以正常登录和收发。', '检查邮箱容量，指导用户清理已删除邮件和大附件。', '在客户端中删除旧的账户凭据并重新输入密码。', '检查附件大小，超过限制时建议使用网盘分享链接。', '核对退信中的收件人地址。', '重建邮件配置文件。'],
      say: ['请您先用浏览器登录网页版邮箱试一下，看能不能正常收发。', '您的邮箱已经接近容量上限，建议先清理一下大附件。'],
      tags: ['邮箱', '邮件', 'Outlook', '附件'],
    },
    en: {
      titles: ['{v} cannot send or receive mail', '{v} mailbox is full', '{v} keeps asking for the password', '{v}: messages bounce back'],
      symptoms: ['Messages stay in the Outbox and are never sent.', 'The mailbox is full and new mail is refused.', 'The client keeps popping up the password prompt.', 'A bounce message says the recipient does not exist.'],
      causes: ['The mailbox is over its quota.', 'The password saved in the client has expired.', 'An attachment is over the 25 MB limit.', 'The recipient address is misspelt.'],
      steps: ['Check whether webmail works for the user.', 'Check the mailbox size and help the user empty Deleted Items and remove large attachments.', 'Remove the saved credentials in the client and enter the password again.', 'Check the attachment size; above the limit, share a cloud drive link instead.', 'Check the recipient address in the bounce message.', 'Recreate the mail profile.'],
      say: ['Could you try webmail in your browser first and see whether it sends and receives?', 'Your mailbox is almost full; removing a few large attachments will help.'],
      tags: ['email', 'mailbox', 'outlook', 'attachment'],
    },
  },
  {
    category: 'network',
    touchpoints: [],
    variants: ['Windows 11', 'Windows 10', 'macOS', '手机客户端', 'EasyConnect', 'AnyConnect'],
    zh: {
      titles: ['VPN连接失败（{v}）', '{v} VPN 提示错误809', '在家无法访问内网系统（{v}）', '{v} VPN 连接后频繁断开'],
      symptoms: ['用户在家连接VPN时提示“无法建立连接”。', 'VPN显示已连接，但无法打开内网系统。', '连接VPN后几分钟就自动断开。', '客户端提示证书错误。'],
      causes: ['家庭路由器屏蔽了VPN使用的端口。', 'VPN客户端版本过旧。', '账号未开通VPN权限。', '系统时间不正确导致证书校验失败。'],
      steps: ['确认用户当前网络可以正常访问互联网。', '确认用户账号已开通VPN权限。', '检查客户端版本，必要时升级到最新版本。', '核对电脑系统时间是否正确。', '尝试切换到手机热点再连接，排除家庭网络问题。', '收集客户端日志并转派网络组。'],
      say: ['请问您现在是在家里还是在外地？能正常打开外网网页吗？', '我们先试一下用手机热点连接，看看是不是家里网络的问题。'],
      tags: ['VPN', '远程办公', '网络', '证书'],
    },
    en: {
      titles: ['VPN will not connect ({v})', '{v}: VPN error 809', 'Cannot reach internal systems from home ({v})', '{v}: VPN keeps disconnecting'],
      symptoms: ['Connecting to the VPN from home fails with "Unable to establish connection".', 'The VPN says connected but internal systems do not open.', 'The VPN drops after a few minutes.', 'The client reports a certificate error.'],
      causes: ['The home router blocks the VPN port.', 'The VPN client is outdated.', 'The account has no VPN access.', 'A wrong system clock makes the certificate check fail.'],
      steps: ['Check that the user can reach the internet.', 'Check that the account has VPN access.', 'Check the client version and upgrade if needed.', 'Check that the computer clock is right.', 'Try a phone hotspot to rule out the home network.', 'Collect the client logs and dispatch to the network group.'],
      say: ['Are you at home or travelling? Do normal web pages open?', 'Let us try your phone hotspot to see whether it is the home network.'],
      tags: ['vpn', 'remote work', 'network', 'certificate'],
    },
  },
  {
    category: 'network',
    touchpoints: ['AA1001', 'CA1001'],
    variants: ['光猫', '无线路由器', 'Wi-Fi 6 路由器', '华为 B535', '中兴 F650'],
    zh: {
      titles: ['家庭宽带无法上网（{v}）', '{v} 指示灯红色闪烁', 'Wi-Fi 信号弱、网速慢（{v}）', '宽带报障处理流程（{v}）'],
      symptoms: ['客户反映宽带无法上网，光猫LOS灯红色闪烁。', '手机能连上Wi-Fi，但打不开网页。', '晚上网速特别慢，视频卡顿。', '路由器频繁重启。'],
      causes: ['光纤线路中断或弯折。', '欠费停机导致宽带暂停。', '路由器放置位置不佳，信号覆盖不足。', '设备老化过热。'],
      steps: ['查询客户账户是否欠费或停机。', '指导客户查看光猫指示灯状态。', '请客户将光猫和路由器断电30秒后重启。', '检查网线是否插紧，尝试用网线直连电脑。', '远程检测线路光功率。', '如线路故障，生成宽带报障工单并预约上门维修。'],
      say: ['请您看一下光猫上LOS灯是不是红色在闪？', '我已经为您登记了报障，维修人员会在24小时内联系您。'],
      tags: ['宽带', '光猫', '无法上网', '报障'],
    },
    en: {
      titles: ['Home broadband is down ({v})', '{v}: red light flashing', 'Weak Wi-Fi and slow speeds ({v})', 'Reporting a broadband fault ({v})'],
      symptoms: ['The customer has no internet and the LOS light on the modem flashes red.', 'The phone connects to Wi-Fi but web pages do not load.', 'Speeds are very slow in the evening and video buffers.', 'The router keeps restarting.'],
      causes: ['The fibre line is cut or bent.', 'The service is suspended for an unpaid bill.', 'The router sits in a bad spot and coverage is poor.', 'Old equipment overheats.'],
      steps: ['Check whether the account is in arrears or suspended.', 'Ask the customer to read the modem lights.', 'Ask them to unplug the modem and router for 30 seconds and restart them.', 'Check the cables and try a wired connection to a computer.', 'Run a remote line test of the optical power.', 'If the line is faulty, raise a broadband fault ticket and book an engineer.'],
      say: ['Could you tell me whether the LOS light on the modem is flashing red?', 'I have logged the fault; an engineer will contact you within 24 hours.'],
      tags: ['broadband', 'modem', 'no internet', 'fault report'],
    },
  },
  {
    category: 'billing',
    touchpoints: ['AA2001', 'BA2001', 'CA2001', 'AB2001'],
    variants: ['上月', '本月', '季度', '年度', '国际漫游期间'],
    zh: {
      titles: ['{v}话费查询方法', '{v}话费异常如何查对', '{v}账单明细解读', '如何开具{v}电子发票'],
      symptoms: ['客户对{v}话费金额有疑问，认为扣费过高。', '客户要求查询通话详单。', '账单中出现不认识的增值业务费用。', '客户需要开具发票用于报销。'],
      causes: ['套餐外流量或通话超出。', '订购了增值业务（如彩铃、视频会员）。', '国际漫游产生费用。', '合约优惠到期恢复原价。'],
      steps: ['核实机主身份（服务密码或短信验证码）。', '查询账单，向客户逐项解释费用构成。', '如有增值业务，告知订购时间和渠道，客户要求可办理退订。', '如客户仍有异议，提交话费查对工单，承诺3个工作日内回复。', '需要发票的，指导客户在网上营业厅下载电子发票。'],
      say: ['我帮您查询一下账单明细，请稍等。', '您这个月多出的费用主要是套餐外流量，我给您推荐一个更合适的流量包。'],
      tags: ['话费', '账单', '话费查对', '发票'],
    },
    en: {
      titles: ['Checking the bill for {v}', 'The bill for {v} looks wrong: bill check', 'Reading the itemised bill ({v})', 'Getting an e-invoice for {v}'],
      symptoms: ['The customer thinks the charges for {v} are too high.', 'The customer wants the itemised call records.', 'The bill shows a value-added service they do not recognise.', 'The customer needs an invoice for expenses.'],
      causes: ['Data or minutes beyond the plan allowance.', 'A value-added service was subscribed (ringback tone, video membership).', 'International roaming charges.', 'A contract discount ended.'],
      steps: ['Verify the account holder (service PIN or SMS code).', 'Open the bill and explain each charge.', 'For value-added services, give the date and channel of the subscription and cancel it if asked.', 'If the customer still disputes the bill, raise a bill check ticket; reply within 3 working days.', 'For invoices, show the customer where to download the e-invoice in the online hall.'],
      say: ['Let me pull up the itemised bill for you, one moment.', 'Most of the extra this month is data beyond your plan; a data add-on would suit you better.'],
      tags: ['bill', 'charges', 'bill check', 'invoice'],
    },
  },
  {
    category: 'plans',
    touchpoints: ['AA1003', 'CA1003', 'AB1003', 'AC1003'],
    variants: ['5G畅享套餐', '融合套餐', '无限流量套餐', '校园套餐', '商务套餐'],
    zh: {
      titles: ['{v}介绍与办理', '如何变更为{v}', '{v}降档规则', '{v}流量包订购与退订'],
      symptoms: ['客户咨询{v}的资费和包含内容。', '客户要求变更套餐，下月生效。', '客户每月流量不够用，要求加办流量包。', '客户要求退订已订购的流量包。'],
      causes: ['当前套餐与客户实际使用不匹配。', '合约期内不可降档。'],
      steps: ['查询客户当前套餐和合约期限。', '介绍{v}的月费、流量、通话分钟数。', '确认变更生效时间（次月1日生效）。', '合约期内客户要求降档的，告知违约规则。', '办理流量包订购或退订，并发送确认短信。', '在工单中记录客户意愿和办理结果。'],
      say: ['根据您最近三个月的使用情况，{v}可能更适合您。', '套餐变更将于下月1日生效，本月仍按原套餐计费。'],
      tags: ['套餐', '流量包', '套餐变更', '5G'],
    },
    en: {
      titles: ['The {v}: what it includes', 'Moving a customer to the {v}', '{v}: downgrade rules', '{v}: adding or cancelling a data pack'],
      symptoms: ['The customer asks about the price and allowances of the {v}.', 'The customer wants to change plan from next month.', 'The customer runs out of data every month and wants a data pack.', 'The customer wants to cancel a data pack.'],
      causes: ['The current plan does not fit how the customer uses the line.', 'Downgrades are not allowed during the contract term.'],
      steps: ['Look up the current plan and contract term.', 'Explain the monthly fee, data and minutes of the {v}.', 'Confirm when the change takes effect (the 1st of next month).', 'If the customer wants to downgrade during the contract, explain the early exit rules.', 'Add or cancel the data pack and send the confirmation SMS.', 'Record what the customer asked for and the outcome in the ticket.'],
      say: ['Based on your last three months, the {v} would suit you better.', 'The new plan starts on the 1st of next month; this month stays on your current plan.'],
      tags: ['plan', 'data pack', 'plan change', '5g'],
    },
  },
  {
    category: 'plans',
    touchpoints: ['AA1001', 'AA1002', 'AB1002', 'CA1001'],
    variants: ['北京', '上海', '广州', '深圳', '成都', '杭州', '武汉', '南京'],
    zh: {
      titles: ['携号转网办理条件（{v}）', '{v}停机保号办理', '{v}补卡换卡流程', '{v}实名认证与开户'],
      symptoms: ['客户咨询携号转网需要满足什么条件。', '客户出国一段时间，要求办理停机保号。', '客户手机卡丢失，需要补办SIM卡。', '新客户要求开户并办理实名认证。'],
      causes: ['号码在合约期内，暂不能携转。', '号码存在欠费。', '未完成实名登记。'],
      steps: ['核实机主身份证信息。', '查询号码是否在合约期、是否欠费、是否有未结清的分期。', '携号转网：发送短信“CXXZ#姓名#证件号码”查询资格，获取授权码。', '停机保号：告知保号月费和最长期限，办理后发送确认短信。', '补卡：提醒客户携带身份证到营业厅办理，原卡立即挂失。', '开户：完成人证比对和实名登记。'],
      say: ['携号转网需要号码不在合约期内且无欠费，我帮您查询一下。', '停机保号期间号码不能正常使用，但号码会为您保留。'],
      tags: ['携号转网', '停机保号', '补卡', '实名认证'],
    },
    en: {
      titles: ['Porting a number out ({v})', 'Suspending a line and keeping the number ({v})', 'Replacing a lost SIM card ({v})', 'Opening a line with real-name registration ({v})'],
      symptoms: ['The customer asks what is needed to port the number to another operator.', 'The customer goes abroad for a while and wants to suspend the line but keep the number.', 'The SIM card was lost and must be replaced.', 'A new customer wants a line with real-name registration.'],
      causes: ['The number is still in its contract term and cannot be ported.', 'There is an unpaid balance.', 'The real-name registration is incomplete.'],
      steps: ['Verify the ID document of the account holder.', 'Check the contract term, unpaid balance and instalments.', 'Porting: send the SMS "CXXZ#name#ID number" to check eligibility and get the authorisation code.', 'Suspension: explain the monthly fee and the longest period, then send the confirmation SMS.', 'SIM replacement: the customer brings their ID to a store; bar the old card at once.', 'New line: match the ID to the person and complete the real-name registration.'],
      say: ['Porting needs the number to be out of contract with nothing owing; let me check that.', 'While suspended the line cannot be used, but the number is kept for you.'],
      tags: ['number porting', 'suspend line', 'sim card', 'real-name registration'],
    },
  },
  {
    category: 'mobile-network',
    touchpoints: ['AA3002', 'CA3002', 'AB3002'],
    variants: ['地下车库', '高层住宅', '郊区', '地铁站', '写字楼'],
    zh: {
      titles: ['{v}手机信号弱投诉处理', '{v}无法上网（4G/5G）', '{v}通话断续、有杂音', '手机显示无服务（{v}）'],
      symptoms: ['客户反映在{v}手机信号只有一格，经常掉话。', '手机显示5G但无法上网。', '通话中对方声音断断续续。', '手机显示“无服务”。'],
      causes: ['该区域基站覆盖不足。', '附近基站故障或维护。', '手机未开启VoLTE。', 'APN设置错误。'],
      steps: ['记录客户所在的详细地址、楼层和问题出现的时间段。', '查询该区域是否有基站故障或维护公告。', '指导客户重启手机、开关飞行模式。', '检查APN设置并恢复默认。', '确认已开启VoLTE高清通话。', '如为弱覆盖，提交网络质量投诉工单转网络优化部门。'],
      say: ['请您告诉我具体的地址和楼层，以及一般在什么时间段信号不好。', '我们会把您的情况提交给网络优化部门，3个工作日内给您回复。'],
      tags: ['信号弱', '无法上网', '基站', '网络质量'],
    },
    en: {
      titles: ['Weak signal complaint ({v})', 'No mobile data on 4G/5G ({v})', 'Calls break up with noise ({v})', 'Phone shows No Service ({v})'],
      symptoms: ['The customer gets one bar of signal in the {v} and calls drop.', 'The phone shows 5G but has no data.', 'The other party breaks up during calls.', 'The phone shows "No Service".'],
      causes: ['Poor coverage from the nearest cell site.', 'A nearby cell site is down for maintenance.', 'VoLTE is off on the handset.', 'Wrong APN settings.'],
      steps: ['Record the exact address, floor and times when it happens.', 'Check for cell site outages or maintenance notices in the area.', 'Ask the customer to restart the phone and toggle airplane mode.', 'Check the APN and reset it to default.', 'Check that VoLTE HD calling is on.', 'For poor coverage, raise a network quality complaint for the optimisation team.'],
      say: ['Could you give me the exact address and floor, and when the signal is usually bad?', 'We will pass this to the network optimisation team and reply within 3 working days.'],
      tags: ['weak signal', 'mobile data', 'cell site', 'network quality'],
    },
  },
  {
    category: 'desktop',
    touchpoints: [],
    variants: ['Windows 11', 'Windows 10', 'ThinkPad T14', 'OptiPlex 7090', 'MateBook 14'],
    zh: {
      titles: ['{v} 蓝屏死机处理', '{v} 开机很慢', '{v} 系统更新失败', '{v} 办公软件激活失败'],
      symptoms: ['电脑频繁蓝屏，提示错误代码。', '开机需要5分钟以上。', '系统更新反复失败并回滚。', 'Office 提示“产品未激活”。'],
      causes: ['驱动不兼容。', '开机启动项过多。', '磁盘空间不足。', '许可证服务器无法访问。'],
      steps: ['记录蓝屏错误代码。', '检查最近是否安装了新软件或驱动。', '清理开机启动项。', '检查磁盘剩余空间，清理临时文件。', '连接公司网络或VPN后重新激活办公软件。', '必要时远程协助或转派桌面支持组。'],
      say: ['请问蓝屏上显示的错误代码是什么？', '我现在远程连接您的电脑，请点击屏幕上的允许。'],
      tags: ['蓝屏', '电脑', '系统更新', '激活'],
    },
    en: {
      titles: ['{v}: blue screen crashes', '{v} starts very slowly', '{v}: updates fail to install', '{v}: Office activation fails'],
      symptoms: ['The computer crashes with a blue screen and a stop code.', 'Start-up takes more than five minutes.', 'Updates fail and roll back.', 'Office says "Product not activated".'],
      causes: ['An incompatible driver.', 'Too many start-up programs.', 'The disk is almost full.', 'The licence server cannot be reached.'],
      steps: ['Note the stop code on the blue screen.', 'Check for software or drivers installed recently.', 'Disable unneeded start-up programs.', 'Check free disk space and clear temporary files.', 'Connect to the office network or VPN and activate Office again.', 'Use remote assistance or dispatch to desktop support if needed.'],
      say: ['What stop code does the blue screen show?', 'I am connecting to your computer now; please click Allow on the screen.'],
      tags: ['blue screen', 'computer', 'windows update', 'activation'],
    },
  },
  {
    category: 'phone',
    touchpoints: [],
    variants: ['Cisco 8841', 'Yealink T54W', 'iPhone 15', 'Xiaomi 14', 'Huawei Mate 60'],
    zh: {
      titles: ['{v} 座机无法拨出', '{v} 手机邮箱配置', '{v} 话机显示未注册', '{v} 耳机没有声音'],
      symptoms: ['座机拿起听筒没有拨号音。', '话机屏幕显示“未注册”。', '手机无法同步公司邮箱。', '使用耳机通话时对方听不到声音。'],
      causes: ['话机网线松动。', '分机账号被禁用。', '手机未安装公司证书。', '耳机未被设为默认设备。'],
      steps: ['检查话机网线和电源。', '重启话机，观察是否注册成功。', '核对分机号码和账号状态。', '在手机上安装公司证书并重新添加邮箱账户。', '在系统声音设置中选择耳机为默认设备。'],
      say: ['请您看一下话机背后的网线是否插好。', '我帮您查一下分机的注册状态。'],
      tags: ['座机', '话机', '手机', '耳机'],
    },
    en: {
      titles: ['{v}: desk phone cannot dial out', 'Setting up work mail on {v}', '{v} shows Not Registered', '{v}: no sound in the headset'],
      symptoms: ['There is no dial tone when lifting the handset.', 'The phone screen says "Not Registered".', 'The phone does not sync work mail.', 'The other party cannot hear the user on the headset.'],
      causes: ['A loose network cable.', 'The extension account is disabled.', 'The company certificate is missing on the phone.', 'The headset is not the default device.'],
      steps: ['Check the network cable and power.', 'Restart the phone and watch whether it registers.', 'Check the extension number and account status.', 'Install the company certificate and add the mail account again.', 'Choose the headset as the default device in the sound settings.'],
      say: ['Could you check that the network cable at the back of the phone is plugged in?', 'Let me look at the registration status of your extension.'],
      tags: ['desk phone', 'extension', 'mobile', 'headset'],
    },
  },
  {
    category: 'complaints',
    touchpoints: ['AA3001', 'AB3001', 'CA3001'],
    variants: ['营业厅服务', '装维人员', '话费扣费', '网络质量', '10086热线'],
    zh: {
      titles: ['{v}投诉受理规范', '客户扬言向工信部申诉（{v}）', '{v}投诉升级与回访', '重复投诉处理（{v}）'],
      symptoms: ['客户对{v}不满意，情绪激动。', '客户表示要向工信部申诉。', '客户第三次来电投诉同一问题。'],
      causes: ['前次处理未彻底解决。', '回复超时。'],
      steps: ['耐心倾听，不打断客户，表达歉意。', '详细记录投诉内容、诉求和联系方式。', '涉及工信部申诉风险的，标记为投诉预警并立即上报值班长。', '重复投诉的，关联历史工单并升级处理。', '承诺回复时限，并按时回访。'],
      say: ['非常抱歉给您带来不便，我非常理解您的心情。', '您的问题我已经升级处理，值班长会在2小时内给您回电。'],
      tags: ['投诉', '工信部', '升级', '回访'],
    },
    en: {
      titles: ['Taking a complaint about {v}', 'Customer threatens to go to the regulator ({v})', 'Escalating and following up a complaint ({v})', 'Repeat complaints ({v})'],
      symptoms: ['The customer is upset about {v}.', 'The customer says they will complain to the regulator.', 'Third call about the same problem.'],
      causes: ['The previous fix did not solve it.', 'The reply was late.'],
      steps: ['Listen without interrupting and apologise.', 'Record the complaint, what the customer wants and how to reach them.', 'If there is a risk of a regulator complaint, flag a complaint warning and tell the duty supervisor at once.', 'For repeat complaints, link the earlier tickets and escalate.', 'Promise a reply time and call back on time.'],
      say: ['I am very sorry for the trouble; I understand how frustrating this is.', 'I have escalated this; the duty supervisor will call you back within 2 hours.'],
      tags: ['complaint', 'regulator', 'escalation', 'follow-up'],
    },
  },
  {
    category: 'desk-process',
    touchpoints: [],
    variants: ['一线坐席', '专家坐席', '值班长', '二线支持', '新员工'],
    zh: {
      titles: ['{v}工单记录规范', '{v}转派与升级规程', '{v}标准问候语与结束语', '重大故障通知流程（{v}）'],
      symptoms: ['工单描述过于简单，二线无法处理。', '不清楚应该转派给哪个处理组。', '遇到重大故障时大量来电。'],
      causes: ['未按规范记录。'],
      steps: ['每通电话都要记录，包括打错电话。', '工单需记录来电人、联系方式、问题描述、已尝试的步骤。', '按业务类型选择触点编码。', '一线无法解决的，转派专家坐席或二线，并在工单中说明原因。', '重大故障时使用统一话术，并由服务台审核对外通知。'],
      say: ['您好，欢迎致电服务台，工号1001为您服务。', '感谢您的来电，祝您工作顺利，再见。'],
      tags: ['工单', '规程', '转派', '话术'],
    },
    en: {
      titles: ['{v}: how to write a ticket', '{v}: dispatch and escalation', '{v}: standard greeting and closing', 'Major incident notices ({v})'],
      symptoms: ['Ticket descriptions are too thin for the second line.', 'Unsure which resolver group to dispatch to.', 'A surge of calls during a major incident.'],
      causes: ['The recording rules were not followed.'],
      steps: ['Record every call, even a wrong number.', 'A ticket names the caller, how to reach them, the problem and the steps already tried.', 'Choose the touchpoint code from the business type.', 'What the first line cannot solve goes to an expert agent or L2, with the reason in the ticket.', 'During a major incident, use the agreed script; the desk reviews public notices.'],
      say: ['Good morning, service desk, agent 1001 speaking.', 'Thank you for calling, have a good day.'],
      tags: ['ticket', 'procedure', 'dispatch', 'script'],
    },
  },
];

/** Sentences any article may end with (desk boilerplate). */
export const CLOSING = {
  zh: ['如以上步骤无法解决，请在工单中记录已尝试的操作并转派二线支持。', '处理完成后请与客户确认问题已解决，并邀请客户对本次服务进行评价。', '本文适用于所有品牌，如有差异以最新业务通知为准。', '涉及客户隐私信息时，务必先核实身份。'],
  en: ['If these steps do not help, record what was tried in the ticket and dispatch it to second-line support.', 'When done, confirm with the customer that the problem is solved and invite them to rate the call.', 'This article applies to every brand; the latest business notice wins where they differ.', 'Always verify the caller before discussing personal data.'],
};
