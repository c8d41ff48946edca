import type { KnowledgeTopic } from '@homeward/shared';

/**
 * The standard answers the hotline ships with, written for Homeward from general public knowledge of consular
 * practice (the 2023 Regulations on consular protection and assistance, missions' published guidance). HQ edits
 * them in the console; `seedKnowledgeBase` adds an article only when its slug is missing, so an edit is never
 * overwritten by a later release.
 */
export interface ShippedArticle {
  slug: string;
  topic: KnowledgeTopic;
  title: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
  keywords: string;
}

export const SHIPPED_ARTICLES: readonly ShippedArticle[] = [
  {
    slug: 'lost-passport',
    topic: 'documents',
    title: { 'zh-CN': '在国外护照遗失或被盗', en: 'Passport lost or stolen abroad' },
    keywords: '护照 遗失 被盗 丢失 报失 补发 旅行证 passport lost stolen missing replace travel document',
    body: {
      'zh-CN': `**先确认安全，再处理证件。**

1. **向当地警方报案**，索取报案证明（遗失或被盗证明）。这是补办证件的主要材料，也能防止他人冒用。
2. **联系所在领区的使领馆**，或通过“中国领事”APP 申请：
   - 近期在外停留、急需回国的，可申请**旅行证**（应急使用）；
   - 需要继续在当地居留的，可申请**补发护照**。
3. **准备材料**：报案证明、近期证件照、护照复印件或照片（如有）、身份证或户口簿等身份证明、本人签名的遗失或被盗情况说明。
4. 身份核实需要时间，**无法当场取证**。急于出行的，请先告知使领馆行程。

**请提醒求助人：**
- 报失后原护照即作废，**找回也不能再用**；
- 签证随护照失效，需向当地移民部门另行办理；
- 使领馆不收取“加急费”以外的任何费用，也不会通过电话要求转账。`,
      en: `**Make sure the caller is safe first, then deal with the document.**

1. **Report the loss or theft to the local police** and ask for a police report. It is the main document for a replacement and protects against misuse.
2. **Contact the mission for the consular district**, or apply in the China Consular Affairs app:
   - a short-stay traveller who needs to go home soon can apply for a **travel document**;
   - someone who lives there and needs to stay can apply for a **replacement passport**.
3. **What to bring**: the police report, recent photos, a copy or photo of the lost passport if there is one, proof of identity (ID card, household register) and a signed statement of how the passport was lost or stolen.
4. Identity has to be checked, so **the document is not issued on the spot**. If travel is urgent, tell the mission the dates.

**Remind the caller:**
- once reported lost, the passport is cancelled and **cannot be used even if found**;
- visas in it lapse with it; the local immigration office deals with those;
- the mission never asks for money transfers by phone.`,
    },
  },
  {
    slug: 'emergency-travel-document',
    topic: 'documents',
    title: {
      'zh-CN': '应急旅行证：急需回国但没有护照',
      en: 'Emergency travel document: going home without a passport',
    },
    keywords: '旅行证 应急旅行证 回国 证件 travel document emergency return home flight',
    body: {
      'zh-CN': `**适用情形**：在外短期停留的中国公民，护照遗失、被盗、损毁或过期，急需回国。

**办理方式**
- 向所在领区的使领馆申请，可先通过“中国领事”APP 提交；
- 材料一般包括：近期证件照、遗失或被盗报案证明（如适用）、能证明身份的文件（身份证、户口簿、原护照复印件等）、回国行程（机票预订单）。

**需要了解**
- 旅行证是中华人民共和国旅行证件，**仅用于回国**时，有效期较短；
- 使领馆需核实身份，身份材料越完整，办理越快；无法核实时需要更长时间；
- 离境时可能需要当地移民部门的出境许可或补办签证手续，请提前向当地移民部门确认；
- 回国后，请到户籍所在地出入境管理部门申请新护照。`,
      en: `**When it applies**: a Chinese citizen on a short stay abroad whose passport is lost, stolen, damaged or expired, and who needs to go home urgently.

**How to apply**
- Apply to the mission for the consular district; the China Consular Affairs app can take the application first.
- Usually needed: recent photos, the police report of the loss or theft (where it applies), proof of identity (ID card, household register, a copy of the old passport) and the travel plan (flight booking).

**Good to know**
- The travel document is a People's Republic of China Travel Document; used **to return home**, it is valid for a short time.
- The mission must confirm identity: the more proof, the faster. Without proof it takes longer.
- Leaving the country may need an exit permit or visa formalities from the local immigration office; check with them early.
- Back home, apply for a new passport at the exit-entry administration where the household is registered.`,
    },
  },
  {
    slug: 'arrested-abroad',
    topic: 'legal',
    title: { 'zh-CN': '在国外被拘留或羁押', en: 'Arrested or detained abroad' },
    keywords: '拘留 羁押 逮捕 被抓 警察 律师 探视 detained arrested custody police lawyer jail prison consular visit',
    body: {
      'zh-CN': `**当事人被拘留时可以：**
- 要求当地执法机关**通知中国使领馆**；
- 要求聘请律师和翻译，**不要签署看不懂的文件**；
- 保持冷静，配合执法，不与执法人员发生冲突。

**使领馆可以：**
- 在获知后与当地主管部门核实情况，并在当事人同意时通知其家属；
- 进行**领事探视**或通信，了解当事人是否受到人道对待；
- 提供当地律师、翻译名单供参考；
- 敦促当地依法公正处理，保障当事人的合法权益。

**使领馆不能：**
- 干涉当地司法程序，或要求释放当事人；
- 为当事人提供法律意见、担任辩护人；
- 支付保释金、律师费、罚款等费用。

**记录要点**：当事人姓名、护照号、被拘留地点和时间、拘留机关、家属联系方式。`,
      en: `**A detained person may:**
- ask the local authorities to **notify the Chinese mission**;
- ask for a lawyer and an interpreter, and **not sign anything they do not understand**;
- stay calm and cooperate; never resist officers.

**The mission can:**
- check the facts with the local authorities and, with the person's consent, tell the family;
- make a **consular visit** or write to the person, to see that they are treated humanely;
- give a list of local lawyers and interpreters;
- urge the authorities to handle the case fairly and by law, so the person's lawful rights are respected.

**The mission cannot:**
- interfere in the courts or get the person released;
- give legal advice or act as their lawyer;
- pay bail, legal fees or fines.

**Write down**: the person's name, passport number, where and when they were detained, which authority holds them, and the family's contact details.`,
    },
  },
  {
    slug: 'crime-victim',
    topic: 'legal',
    title: { 'zh-CN': '在国外遭受不法侵害', en: 'Victim of a crime abroad' },
    keywords: '抢劫 盗窃 袭击 偷 抢 受害 报警 robbery theft assault attacked mugged stolen victim police',
    body: {
      'zh-CN': `**第一步：人身安全。** 如有危险或受伤，立即拨打当地报警或急救电话，离开危险地点。

**随后：**
1. **向当地警方报案**，取得报案回执或报告编号；记下事发时间、地点、嫌疑人特征；
2. 有伤情的，及时就医并保留病历、票据，供报案和保险理赔使用；
3. 银行卡、手机被盗的，立即挂失、冻结；
4. 护照被盗的，见“护照遗失或被盗”。

**使领馆可以：**提供当地律师、翻译、医院名单；敦促警方依法调查；在当事人同意时联系家属；协助补办证件。

**使领馆不能：**代为调查取证、追回财物，或承担医疗、住宿等费用。

**提醒**：在当地报案是追究责任和申请赔偿的前提，不要因语言不通而放弃报案，可要求警方提供翻译。`,
      en: `**First: physical safety.** If the caller is in danger or hurt, they call the local police or ambulance now and move away from danger.

**Then:**
1. **Report it to the local police** and keep the receipt or report number; note the time, place and what the offender looked like.
2. If injured, see a doctor and keep the records and receipts for the police and the insurer.
3. Block stolen bank cards and phones at once.
4. For a stolen passport, see "Passport lost or stolen abroad".

**The mission can**: give lists of local lawyers, interpreters and hospitals; urge the police to investigate by law; contact the family with the person's consent; help replace documents.

**The mission cannot**: investigate, recover property, or pay medical or hotel bills.

**Remind the caller**: a police report is needed for any prosecution or compensation. Not speaking the language is no reason to skip it: they can ask the police for an interpreter.`,
    },
  },
  {
    slug: 'telecom-fraud',
    topic: 'legal',
    title: { 'zh-CN': '电信诈骗：冒充使领馆或警方的电话', en: 'Phone scams: callers posing as the embassy or police' },
    keywords:
      '诈骗 电信诈骗 冒充 使馆 警察 转账 安全账户 洗钱 包裹 fraud scam fake embassy police transfer money laundering parcel',
    body: {
      'zh-CN': `**常见手法**：来电自称“中国使领馆”“国内公安”或“快递公司”，称对方**涉嫌洗钱、包裹里有违禁品、护照被冒用**，要求对方保密、转账到“安全账户”，或下载会议软件“远程做笔录”。来电号码可能显示为使领馆或 12308 的号码。

**请明确告诉求助人：**
- 使领馆和国内公安机关**不会通过电话办案**，不会要求转账、提供银行卡密码或验证码；
- 没有所谓“安全账户”；
- 接到此类电话，**立即挂断**，再自行查询使领馆官方电话核实。

**已经转账的：**
1. 立即联系银行，申请冻结或止付；
2. 向当地警方报案，保留通话记录、转账凭证、聊天记录；
3. 如在国内的账户受损，同时向国内公安机关报案（拨打 110）。

**记录要点**：来电号码、对方自称身份、已转金额和时间。可将来电号码提供给使领馆，以便发布安全提醒。`,
      en: `**How it works**: a caller says they are "the Chinese embassy", "the police in China" or "a courier", claims the person is **involved in money laundering, sent a parcel with banned goods, or had their passport misused**, tells them to keep it secret, to move money to a "safe account", or to install a video app for a "remote statement". The caller ID may even show the mission's or 12308's number.

**Tell the caller clearly:**
- missions and the police in China **never handle cases by phone**, never ask for transfers, card PINs or verification codes;
- there is no such thing as a "safe account";
- **hang up** and check the mission's official number themselves.

**If money was sent:**
1. Call the bank now to freeze or stop the payment.
2. Report to the local police; keep the call log, transfer receipts and chats.
3. If an account in China was hit, also report to the police in China (110).

**Write down**: the number that called, who they claimed to be, the amounts and times. The number helps the mission warn others in a safety reminder.`,
    },
  },
  {
    slug: 'visa-overstay',
    topic: 'legal',
    title: { 'zh-CN': '签证逾期滞留', en: 'Visa overstay' },
    keywords: '签证 逾期 过期 滞留 移民局 罚款 遣返 visa overstay expired immigration fine deportation ban',
    body: {
      'zh-CN': `**逾期滞留的后果**：各国规定不同，可能包括罚款、拘留、遣返，以及**数年内禁止入境**，也会影响今后申请其他国家签证。

**建议求助人：**
1. **尽快主动联系当地移民部门**，说明情况，了解补办、缴纳罚款或离境的程序；主动说明通常比被查获后处理更有利；
2. 情况复杂的（如因病、因灾无法离境），咨询当地移民律师，保留医院证明等材料；
3. 护照已过期或遗失的，同时向使领馆申请旅行证或换发护照。

**使领馆可以**：提供当地律师名单，在当事人被羁押时进行领事探视，协助办理回国证件。

**使领馆不能**：为当事人办理或延长签证，免除罚款，或要求当地不予遣返。签证和居留是所在国的主权事务。`,
      en: `**What an overstay can lead to**: it depends on the country — fines, detention, removal, and an **entry ban for several years**; it also counts against later visa applications elsewhere.

**Advise the caller:**
1. **Contact the local immigration office soon, of their own accord**, explain, and ask how to regularise, pay a fine or leave. Coming forward usually goes better than being found.
2. In a complicated situation (unable to leave through illness or a disaster), see a local immigration lawyer and keep the hospital papers and other proof.
3. If the passport has expired or is lost, apply to the mission for a travel document or a new passport at the same time.

**The mission can**: give a list of local lawyers, make a consular visit if the person is detained, and help with a document to go home.

**The mission cannot**: get or extend a visa, waive fines, or stop a removal. Visas and residence are for the host country to decide.`,
    },
  },
  {
    slug: 'medical-emergency',
    topic: 'health',
    title: { 'zh-CN': '在国外突发疾病或受伤', en: 'Medical emergency abroad' },
    keywords: '生病 急病 住院 受伤 医院 医疗费 保险 救护车 ill sick hospital injured ambulance medical bills insurance',
    body: {
      'zh-CN': `**危及生命时**：立即拨打当地急救电话，先救治，后处理其他事情。

**建议求助人：**
1. 联系**保险公司**的 24 小时救援电话，确认可定点就医、直付或医疗转运；
2. 保留病历、诊断证明、费用票据，理赔时需要；
3. 语言不通的，请医院安排翻译，或联系使领馆索取翻译名单；
4. 需要家属赴当地陪护的，提前了解签证办理方式。

**使领馆可以**：提供当地医院和翻译名单；在当事人同意时通知国内家属；在当事人无法自理时协调有关方面；对需要回国治疗的，提供证件方面的协助。

**使领馆不能**：支付医疗费、住院费或转运费用，不能代替医院作医疗决定。医疗费用由当事人、家属或保险承担。

**记录要点**：当事人姓名、所在医院及病区、病情概况、是否投保、家属联系方式。`,
      en: `**If life is at risk**: call the local emergency number now; treatment first, everything else after.

**Advise the caller:**
1. Call the **insurer's 24-hour assistance line** to confirm covered hospitals, direct billing or medical evacuation.
2. Keep medical reports, diagnoses and receipts for the claim.
3. If they do not speak the language, ask the hospital for an interpreter or ask the mission for its list of interpreters.
4. If a relative needs to come and stay, check the visa procedure early.

**The mission can**: give lists of local hospitals and interpreters; tell the family at home, with the patient's consent; coordinate with those involved when the patient cannot act alone; help with documents if the patient goes home for treatment.

**The mission cannot**: pay medical, hospital or evacuation costs, or make medical decisions. Costs are met by the patient, the family or the insurer.

**Write down**: the patient's name, hospital and ward, what happened, whether they are insured, and the family's contact details.`,
    },
  },
  {
    slug: 'traffic-accident',
    topic: 'health',
    title: { 'zh-CN': '在国外发生交通事故', en: 'Traffic accident abroad' },
    keywords:
      '车祸 交通事故 撞车 租车 保险 赔偿 责任 traffic accident car crash collision rental insurance liability compensation',
    body: {
      'zh-CN': `**现场：**
1. 确认安全，开启警示灯，设置警示标志；有人受伤立即拨打当地急救电话；
2. **报警**，等待警方到场处理并出具事故报告；
3. 拍照记录现场、车辆、证件，记下对方车牌、保险和联系方式；
4. **不要签署看不懂的文件**，不要私下承诺赔偿；
5. 租车的，联系租车公司和保险公司。

**之后：**事故责任由当地警方和法院认定；赔偿通常通过保险或诉讼解决，必要时聘请当地律师。

**使领馆可以**：提供律师、翻译名单；在有人伤亡时联系家属；敦促当地依法处理。

**使领馆不能**：认定事故责任，代为交涉赔偿，或支付医疗费、赔偿金、罚款。

**记录要点**：事发地点和时间、伤亡情况、是否报警及报告编号、车辆是否为租赁车辆。`,
      en: `**At the scene:**
1. Get safe, switch on hazard lights and put out a warning sign; if anyone is hurt, call the local ambulance.
2. **Call the police** and wait for them to record the accident and give a report.
3. Take photos of the scene, the vehicles and documents; note the other party's plate, insurer and contact details.
4. **Do not sign anything not understood**, and do not promise compensation on the spot.
5. For a rental car, call the rental company and the insurer.

**Afterwards**: liability is decided by the local police and courts; compensation usually goes through insurance or the courts, with a local lawyer if needed.

**The mission can**: give lists of lawyers and interpreters; contact the family if someone is hurt or killed; urge the authorities to handle it by law.

**The mission cannot**: decide who was at fault, negotiate compensation, or pay medical bills, damages or fines.

**Write down**: where and when, who is hurt, whether the police came and the report number, and whether the car was rented.`,
    },
  },
  {
    slug: 'death-of-relative',
    topic: 'health',
    title: { 'zh-CN': '亲属在国外死亡', en: 'Death of a relative abroad' },
    keywords:
      '死亡 去世 遗体 火化 运回 善后 死亡证明 death died deceased body remains cremation repatriation funeral certificate',
    body: {
      'zh-CN': `**先向来电亲属表示慰问，语速放慢。**

**一般流程：**
1. 当地医院或警方确认死亡，出具**死亡证明**；非正常死亡的，当地警方会调查，可能进行尸检；
2. 家属决定**在当地火化后运回骨灰**，或**运回遗体**，或在当地安葬。遗体运输手续较多、费用较高；
3. 委托当地殡葬公司办理防腐、入殓、运输等手续；
4. 死亡证明等文书如需在国内使用，需办理相应的认证或附加证明书手续。

**使领馆可以**：核实情况；告知当地善后程序和殡葬服务机构信息；为家属赴当地处理后事提供必要的证件协助；出具运送遗体或骨灰所需的领事文书；敦促当地依法调查非正常死亡。

**使领馆不能**：承担丧葬、运输等费用，或代替家属作出处理决定。

**记录要点**：逝者姓名、护照号、死亡地点和时间、目前遗体所在地、家属联系人。`,
      en: `**Offer condolences first, and speak slowly.**

**The usual steps:**
1. The local hospital or police confirm the death and issue a **death certificate**; for an unnatural death the police investigate and there may be an autopsy.
2. The family decides: **cremation there and the ashes brought home**, the **body brought home**, or burial there. Moving a body takes more paperwork and costs more.
3. A local funeral company handles embalming, the coffin and transport.
4. Papers such as the death certificate need legalisation or an apostille to be used in China.

**The mission can**: confirm what happened; explain the local procedure and point to funeral services; help relatives with documents to travel there; issue the consular papers needed to move the body or ashes; urge the authorities to investigate an unnatural death by law.

**The mission cannot**: pay for the funeral or transport, or decide for the family.

**Write down**: the deceased's name and passport number, place and time of death, where the body is now, and the family contact.`,
    },
  },
  {
    slug: 'natural-disaster',
    topic: 'emergencies',
    title: { 'zh-CN': '遭遇自然灾害或重大突发事件', en: 'Natural disaster or major emergency' },
    keywords:
      '地震 海啸 台风 洪水 火山 战乱 冲突 撤离 报平安 disaster earthquake tsunami typhoon flood conflict evacuation safe',
    body: {
      'zh-CN': `**第一时间：**
1. **听从当地政府和救援部门的指令**，前往安全地点或避难所；
2. 随身携带护照、现金、药品、水和充电宝；
3. 尽快向国内家人**报平安**；在“中国领事”APP 中登记位置，便于使领馆掌握情况。

**使领馆会：**
- 发布**安全提醒**，公布应急联系电话和**集合点**；
- 了解中国公民受影响情况，协助联系家属；
- 在重大突发事件中，视情组织或协助**撤离**（包机或临时航班），并告知报名方式。

**建议求助人**：关注使领馆官网和“领事直通车”微信公众号的通知；不要前往受灾或冲突地区；撤离时服从统一安排。

**记录要点**：求助人及同行人员姓名、人数、当前位置、是否受伤、联系方式、是否需要撤离。`,
      en: `**Right away:**
1. **Follow the local authorities' and rescuers' instructions**; go to a safe place or shelter.
2. Keep the passport, cash, medicines, water and a power bank at hand.
3. **Tell the family at home they are safe**; register their whereabouts in the China Consular Affairs app so the mission knows.

**The mission will:**
- publish **safety reminders** with emergency numbers and **assembly points**;
- find out which Chinese citizens are affected and help contact families;
- in a major emergency, organise or help with **evacuation** (charter or temporary flights) and say how to sign up.

**Advise the caller**: follow the mission's website and its WeChat notices; stay away from the affected or conflict area; follow the instructions given during an evacuation.

**Write down**: the names of the caller and those with them, how many, where they are now, whether anyone is hurt, contact details, and whether they need to leave.`,
    },
  },
  {
    slug: 'missing-person',
    topic: 'emergencies',
    title: { 'zh-CN': '亲友在国外失联', en: 'Relative out of contact abroad' },
    keywords: '失联 下落不明 找人 联系不上 失踪 missing out of contact whereabouts unknown cannot reach find',
    body: {
      'zh-CN': `**先了解情况**：最后一次联系的时间、地点和内容；失联者的姓名、出生日期、护照号、照片；在当地的地址、工作单位、同行人员和当地联系人。

**建议求助人：**
1. 尝试通过同行人员、雇主、酒店、学校等联系；
2. **向当地警方报失踪**（可委托当地亲友），必要时也向国内公安机关报案；
3. 保持电话畅通，掌握新线索及时告知使领馆。

**使领馆可以**：向当地警方等部门通报情况，请其协助查找；查询失联者是否已在“中国领事”APP 登记；在找到后，经本人同意告知家属。

**使领馆不能**：自行开展搜寻或调查。成年人有权不与家人联系，找到后如本人不同意，使领馆不会透露其下落。

**提示**：先在查询中搜索失联者姓名或护照号，看是否已有登记或在办案件。`,
      en: `**Find out first**: when, where and how the person was last in touch; their name, date of birth, passport number and a photo; their address there, employer, travel companions and local contacts.

**Advise the caller:**
1. Try the companions, employer, hotel or school.
2. **Report the person missing to the local police** (a local friend can do it), and to the police in China if needed.
3. Keep the phone on and pass any new lead to the mission.

**The mission can**: tell the local police and other authorities and ask them to help find the person; check whether the person registered in the China Consular Affairs app; once found, tell the family if the person agrees.

**The mission cannot**: search or investigate itself. An adult may choose not to contact their family; if found and they do not agree, the mission will not say where they are.

**Tip**: search the missing person's name or passport number in the lookup first — they may be registered or have an open case.`,
    },
  },
  {
    slug: 'consular-protection-limits',
    topic: 'scope',
    title: {
      'zh-CN': '领事保护与协助：能做什么，不能做什么',
      en: 'Consular protection and assistance: what we can and cannot do',
    },
    keywords:
      '领事保护 领事协助 范围 能做 不能做 费用 consular protection assistance scope limits can cannot fees costs',
    body: {
      'zh-CN': `**谁可以求助**：在国外的中国公民、法人和非法人组织。外国籍华人不在领事保护范围内。

**使领馆可以：**
- 在当事人合法权益受到侵害时，敦促所在国依法公正处理；
- 被拘留时进行领事探视，了解是否受到人道对待；
- 遇到困难时提供当地律师、翻译、医院等信息；
- 协助联系国内家属；
- 补发、换发护照或颁发旅行证；
- 在重大突发事件中发布安全提醒，视情组织或协助撤离。

**使领馆不能：**
- 干涉所在国司法，或为当事人谋取超出当地国民的待遇；
- 提供法律意见、担任律师，或代为出庭、调查取证；
- 支付医疗费、律师费、罚款、住宿、机票等个人费用；
- 代办签证、居留、工作许可，或解决商业、劳务纠纷；
- 提供翻译、导游、接送等服务。

**一句话**：使领馆帮助您依法维护权益、获得必要协助，**费用由个人承担**。自身安全的第一责任人是您自己。`,
      en: `**Who can ask**: Chinese citizens, legal persons and unincorporated organisations abroad. People of Chinese origin with a foreign nationality are not covered.

**The mission can:**
- urge the host country to handle a case fairly and by law when a national's lawful rights are harmed;
- make consular visits to detained nationals and see that they are treated humanely;
- give information on local lawyers, interpreters and hospitals;
- help contact the family at home;
- replace or renew passports and issue travel documents;
- in a major emergency, publish safety reminders and organise or help with evacuation.

**The mission cannot:**
- interfere in the host country's courts, or get better treatment than the country's own citizens receive;
- give legal advice, act as a lawyer, appear in court or investigate;
- pay medical or legal bills, fines, hotels or tickets;
- obtain visas, residence or work permits, or settle business or labour disputes;
- act as interpreter, guide or driver.

**In one line**: the mission helps people uphold their rights by law and get essential help; **costs are their own**. You are first responsible for your own safety abroad.`,
    },
  },
];
