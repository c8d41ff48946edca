import type { Locale, LocalizedText } from '../locale.ts';

/**
 * Every stable problem code Homeward returns, with its localized title.
 * The browser apps show the same words the server sends.
 */
export const PROBLEM_TITLES = {
  not_found: { en: 'Not found', 'zh-CN': '未找到' },
  route_not_found: { en: 'There is no such address', 'zh-CN': '没有这个地址' },
  validation_failed: { en: 'Some of the information is not valid', 'zh-CN': '部分信息无效' },
  invalid_json: { en: 'The request body is not valid JSON', 'zh-CN': '请求内容不是有效的 JSON' },
  body_too_large: { en: 'The request is too large', 'zh-CN': '请求内容过大' },
  unsupported_media_type: { en: 'This content type is not accepted', 'zh-CN': '不接受此内容类型' },
  unauthenticated: { en: 'Sign in to continue', 'zh-CN': '请先登录' },
  invalid_credentials: { en: 'The email or password is not right', 'zh-CN': '电子邮箱或密码不正确' },
  forbidden: { en: 'You do not have access to this', 'zh-CN': '您无权访问此内容' },
  conflict: { en: 'This changed in the meantime', 'zh-CN': '此内容已被他人更改' },
  certificate_already_revoked: { en: 'This certificate is revoked already', 'zh-CN': '该证书已被撤销' },
  signing_key_unavailable: {
    en: 'The signing key cannot be opened. Ask an administrator',
    'zh-CN': '签名密钥无法打开，请联系管理员',
  },
  rate_limited: { en: 'Too many attempts. Try again later', 'zh-CN': '尝试次数过多，请稍后再试' },
  method_not_allowed: { en: 'This method is not allowed here', 'zh-CN': '此处不允许该操作' },
  service_unavailable: { en: 'The service is not ready. Try again shortly', 'zh-CN': '服务暂不可用，请稍后再试' },
  internal_error: { en: 'Something went wrong on our side', 'zh-CN': '系统出现错误' },
  email_not_verified: {
    en: 'Confirm your email address first. We can send the link again',
    'zh-CN': '请先验证您的电子邮箱，我们可以重新发送验证链接',
  },
  link_invalid: {
    en: 'This link is not valid any more. Ask for a new one',
    'zh-CN': '此链接已失效，请重新申请',
  },
  weak_password: {
    en: 'Choose a longer password that is harder to guess',
    'zh-CN': '请设置更长、更难猜到的密码',
  },
  second_factor_required: {
    en: 'Enter the code from your authenticator app',
    'zh-CN': '请输入身份验证器应用中的验证码',
  },
  second_factor_invalid: { en: 'The code is not right. Check it and try again', 'zh-CN': '验证码不正确，请核对后重试' },
  second_factor_replayed: {
    en: 'This code was used already. Wait for the next one',
    'zh-CN': '此验证码已使用，请等待下一个验证码',
  },
  challenge_expired: { en: 'Your sign-in took too long. Start again', 'zh-CN': '登录超时，请重新开始' },
  passkey_failed: { en: 'The passkey could not be checked', 'zh-CN': '无法验证通行密钥' },
  reauthentication_required: { en: 'Enter your password again to continue', 'zh-CN': '请再次输入密码以继续' },
  token_scope: { en: 'This API token does not allow this', 'zh-CN': '此 API 令牌无权执行此操作' },
  // Registry (decision 0006)
  mrz_invalid: {
    en: 'The machine-readable zone does not check out. Compare it with the passport',
    'zh-CN': '机读区校验未通过，请对照护照核对',
  },
  mrz_mismatch: {
    en: 'The machine-readable zone does not match the passport details entered',
    'zh-CN': '机读区与填写的护照信息不一致',
  },
  dates_invalid: { en: 'One of the dates is not possible', 'zh-CN': '日期有误' },
  phone_invalid: { en: 'Enter the phone number with its country code', 'zh-CN': '请填写带国家或地区代码的电话号码' },
  country_unknown: { en: 'There is no such country or area', 'zh-CN': '没有这个国家或地区' },
  region_unknown: { en: 'There is no such region in this country', 'zh-CN': '该国没有这个一级行政区' },
  city_unknown: { en: 'This city is not in the chosen country or region', 'zh-CN': '该城市不在所选的国家或地区' },
  precise_consent_required: {
    en: 'Agree to share your precise location first',
    'zh-CN': '请先同意提供精确位置',
  },
  contact_channel_required: {
    en: 'Give a phone number or an email address for this contact',
    'zh-CN': '请为该联系人填写电话号码或电子邮箱',
  },
  limit_reached: { en: 'You have reached the limit for this list', 'zh-CN': '已达到此列表的数量上限' },
  saved_view_name_taken: {
    en: 'You already have a saved view with this name',
    'zh-CN': '已有同名的已存视图',
  },
  profile_required: { en: 'Save your personal details first', 'zh-CN': '请先保存个人信息' },
  // Businesses abroad: staff list imports (issue 4)
  csv_columns: {
    en: 'The CSV header does not have the expected columns. Start from the template',
    'zh-CN': 'CSV 表头与所需列不符，请使用模板',
  },
  csv_encoding: {
    en: 'The file is not a UTF-8 text CSV. Save it as “CSV UTF-8” and try again',
    'zh-CN': '文件不是 UTF-8 编码的 CSV 文本，请另存为“CSV UTF-8”后重试',
  },
  csv_too_many_rows: {
    en: 'The file has too many rows. Split it or remove empty rows',
    'zh-CN': '文件行数过多，请拆分文件或删除空行',
  },
  csv_empty: { en: 'The file has no staff rows', 'zh-CN': '文件中没有员工数据行' },
  staff_import_rejected: {
    en: 'Some rows are not valid, so nothing was imported. Download the error report',
    'zh-CN': '部分数据行有误，未导入任何数据，请下载错误报告',
  },
  // Registrants for staff
  reason_required: {
    en: 'Say why you need this, in 10 to 500 characters, for the audit log',
    'zh-CN': '请说明用途（10 至 500 个字符），将记入审计日志',
  },
  // Idempotency-Key (decision 0010)
  idempotency_key_invalid: {
    en: 'The Idempotency-Key header must be 1 to 255 visible characters',
    'zh-CN': 'Idempotency-Key 请求头须为 1 至 255 个可见字符',
  },
  idempotency_key_reused: {
    en: 'This submission key was already used for different information. Submit the form again',
    'zh-CN': '此提交标识已用于不同的内容，请重新提交表单',
  },
  idempotency_key_in_flight: {
    en: 'The same submission is still being processed. Try again in a moment',
    'zh-CN': '相同的提交仍在处理中，请稍后再试',
  },
  // Safety alerts and check-ins (decision 0021)
  alert_language_required: {
    en: 'Write the headline and description in at least one language',
    'zh-CN': '请至少用一种语言填写标题和内容',
  },
  alert_state: { en: 'The alert is not at a step that allows this', 'zh-CN': '该提醒当前所处环节不允许此操作' },
  alert_four_eyes: {
    en: 'Another alert manager must review this alert, not the one who wrote or submitted it',
    'zh-CN': '须由另一位提醒管理员审核，撰写或提交人不能自行审核',
  },
  alert_reaches_nobody: {
    en: 'Nobody registered is in this area now. Confirm that you want to send it anyway',
    'zh-CN': '该区域目前没有登记人员，如仍要发送请确认',
  },
  checkin_link_expired: {
    en: 'This check-in link has expired. Open the alert in the app, or call the hotline',
    'zh-CN': '此报平安链接已过期，请在应用中打开提醒，或拨打热线',
  },
  checkin_not_asked: {
    en: 'This alert does not ask you to check in',
    'zh-CN': '此提醒无需您报平安',
  },
  cap_invalid: { en: 'This file is not a valid CAP 1.2 alert', 'zh-CN': '此文件不是有效的 CAP 1.2 预警' },
  // Targeting areas: "who is in this area" (issue 4)
  area_empty: {
    en: 'Add at least one country, region, circle or polygon',
    'zh-CN': '请至少添加一个国家、地区、圆形或多边形',
  },
  area_invalid: { en: 'This part of the area is not in the expected form', 'zh-CN': '区域的这一部分格式不正确' },
  area_too_large: {
    en: 'The polygons have too many points. Simplify them to at most 10,000 points',
    'zh-CN': '多边形的点过多，请简化至不超过 10,000 个点',
  },
  coordinate_out_of_range: {
    en: 'A latitude must be from -90 to 90 and a longitude from -180 to 180',
    'zh-CN': '纬度须在 -90 至 90 之间，经度须在 -180 至 180 之间',
  },
  radius_out_of_range: {
    en: 'The radius must be more than 0 and at most 2,000 km',
    'zh-CN': '半径须大于 0 且不超过 2,000 公里',
  },
  polygon_unclosed: {
    en: 'The polygon is not closed: its last point must repeat the first',
    'zh-CN': '多边形未闭合：最后一个点须与第一个点相同',
  },
  polygon_ring_too_short: {
    en: 'A polygon ring needs at least 4 points, the last repeating the first',
    'zh-CN': '多边形的每个环至少需要 4 个点，且最后一个点与第一个点相同',
  },
  polygon_self_intersecting: {
    en: 'The polygon crosses itself. Draw its outline without crossings',
    'zh-CN': '多边形的边相互交叉，请重新绘制不交叉的轮廓',
  },
  // Case management (decision 0011)
  case_version_conflict: {
    en: 'Someone else changed this case in the meantime. Check the newer version and try again',
    'zh-CN': '此案件已被他人更改，请查看最新内容后重试',
  },
  transition_not_allowed: {
    en: 'The case cannot move to this status from its current one, or not by you',
    'zh-CN': '案件无法从当前状态转为该状态，或您无权执行此操作',
  },
  assignee_not_mission_staff: {
    en: 'Assign the case to a staff member of its mission',
    'zh-CN': '请将案件分配给本馆工作人员',
  },
  no_mission_for_place: {
    en: 'No mission covers this place. Choose the country again',
    'zh-CN': '没有驻外使领馆负责该地点，请重新选择国家或地区',
  },
  merge_not_allowed: {
    en: 'This case cannot be merged into that one',
    'zh-CN': '无法将此案件合并到该案件',
  },
  case_closed: { en: 'This case is closed. Reopen it first', 'zh-CN': '此案件已办结，请先重新打开' },
  // Help requests and attachments (decision 0012)
  location_required: {
    en: 'Say where you need help: choose the country at least',
    'zh-CN': '请告诉我们您需要帮助的地点，至少选择国家或地区',
  },
  attachment_type_not_allowed: {
    en: 'Attach a photo (JPEG, PNG, WebP or HEIC) or a PDF. This file is something else',
    'zh-CN': '请上传照片（JPEG、PNG、WebP 或 HEIC）或 PDF 文件，此文件不是这些类型',
  },
  attachment_too_large: {
    en: 'The file is larger than 10 MB. Send a smaller photo or PDF',
    'zh-CN': '文件超过 10 MB，请上传更小的照片或 PDF 文件',
  },
  // Online consular services and applications (decision 0020)
  service_unknown: { en: 'There is no such service', 'zh-CN': '没有这项服务' },
  service_not_offered: {
    en: 'This mission does not offer this service. Choose another mission',
    'zh-CN': '该使领馆不提供此项服务，请选择其他使领馆',
  },
  service_not_eligible: {
    en: 'You cannot apply for this service. Check who it is for',
    'zh-CN': '您不符合此项服务的申请条件，请查看适用人群',
  },
  service_definition_invalid: {
    en: 'The service definition has errors. Correct the fields listed',
    'zh-CN': '服务定义有误，请修改所列字段',
  },
  application_incomplete: {
    en: 'Some answers or documents are missing or not valid. Correct them and submit again',
    'zh-CN': '部分信息或材料缺失或无效，请修改后重新提交',
  },
  application_transition_not_allowed: {
    en: 'The application cannot move to this status from its current one, or not by you',
    'zh-CN': '申请无法从当前状态转为该状态，或您无权执行此操作',
  },
  document_rules: {
    en: 'This file does not meet the rules for this document. Check its type, size and pixel dimensions',
    'zh-CN': '此文件不符合该材料的要求，请检查文件类型、大小和像素尺寸',
  },
  // Business security guidance (decision 0023)
  guidance_language_required: {
    en: 'Write the title and text of the article in at least one language',
    'zh-CN': '请至少用一种语言填写文章标题和正文',
  },
  guidance_not_published: {
    en: 'Publish the article before sending it',
    'zh-CN': '请先发布该文章再发送',
  },
  guidance_reaches_nobody: {
    en: 'No staff of business sites are registered in this area. Choose another area',
    'zh-CN': '该区域没有登记的企业驻外人员，请选择其他区域',
  },
  assessment_question_unknown: {
    en: 'An answer is for a question that is not on the checklist. Reload the page and answer again',
    'zh-CN': '有答案对应的问题不在自评清单中，请刷新页面后重新作答',
  },
  assessment_answer_missing: {
    en: 'Answer every question, with yes, partly or no',
    'zh-CN': '请回答所有问题（是、部分或否）',
  },
  // Appointments (decision 0019)
  slot_full: {
    en: 'Someone else took the last place in this slot. Choose one of the next free times',
    'zh-CN': '该时段已约满，请选择其他空闲时段',
  },
  slot_in_past: { en: 'This time has passed. Choose a later one', 'zh-CN': '该时间已过，请选择以后的时间' },
  slot_outside_hours: {
    en: 'The counters are not open at this time. Choose one of the times offered',
    'zh-CN': '该时间窗口不办公，请从可选时段中选择',
  },
  slot_on_holiday: {
    en: 'The mission is closed on this day (holiday). Choose another day',
    'zh-CN': '使领馆当天闭馆（节假日），请选择其他日期',
  },
  appointment_exists: {
    en: 'You already have an appointment for this service. Change or cancel that one',
    'zh-CN': '您已预约此项业务，请改约或取消原预约',
  },
  appointment_not_changeable: {
    en: 'This appointment can no longer be changed',
    'zh-CN': '此预约已无法更改',
  },
  booking_not_offered: {
    en: 'This mission does not take appointments for this service',
    'zh-CN': '该使领馆不受理此项业务的预约',
  },
  check_in_code_invalid: {
    en: 'This check-in code is not valid. Ask the person to show the QR code again',
    'zh-CN': '签到码无效，请让申请人重新出示二维码',
  },
  check_in_not_today: {
    en: 'This appointment is not today. Check the date with the person',
    'zh-CN': '此预约不在今天，请与申请人核对日期',
  },
  waitlist_exists: {
    en: 'You are already on the waitlist for this day',
    'zh-CN': '您已在当天的候补名单中',
  },
  // Campaigns (decision 0024)
  registration_closed: {
    en: 'Registration for this campaign is not open. Check the dates',
    'zh-CN': '该活动目前不接受登记，请查看登记时间',
  },
  not_eligible: {
    en: 'You cannot register for this campaign. Check who it is for',
    'zh-CN': '您不符合该活动的登记条件，请查看适用人群',
  },
  birth_date_required: {
    en: 'Enter your date of birth: this campaign has an age limit',
    'zh-CN': '该活动有年龄要求，请填写您的出生日期',
  },
  already_registered: {
    en: 'You are already registered for this campaign',
    'zh-CN': '您已登记参加该活动',
  },
  not_registered: {
    en: 'This person has no place in this campaign. Check their registration first',
    'zh-CN': '此人未获安排该活动的名额，请先核对其登记',
  },
  campaign_registration_not_changeable: {
    en: 'This registration can no longer be changed',
    'zh-CN': '此登记已无法更改',
  },
  check_in_code_expired: {
    en: 'This check-in code has expired. Check the date with the person',
    'zh-CN': '签到码已过期，请与当事人核对日期',
  },
  version_conflict: {
    en: 'Someone else changed this in the meantime. Reload it and make your change again',
    'zh-CN': '此内容已被他人更改，请刷新后重新修改',
  },
  campaign_code_taken: { en: 'Another campaign has this code', 'zh-CN': '已有活动使用此代码' },
  campaign_status_conflict: {
    en: 'The campaign cannot move to this state now',
    'zh-CN': '活动当前无法变更为该状态',
  },
  site_in_use: {
    en: 'People have places at this site. It cannot be removed',
    'zh-CN': '已有人获安排在此地点，无法删除',
  },
  session_in_use: {
    en: 'People have places in this session. It cannot be removed',
    'zh-CN': '已有人获安排在此时段，无法删除',
  },
  dose_exists: {
    en: 'This dose is recorded for this person already',
    'zh-CN': '此人的该剂次已有记录',
  },
  dose_not_certifiable: {
    en: 'A certificate needs the vaccine’s codes on the campaign. Ask HQ to add them',
    'zh-CN': '签发证书需要活动中的疫苗编码，请联系总部补充',
  },
  certificate_exists: {
    en: 'A certificate was issued for this dose already',
    'zh-CN': '该剂次已签发证书',
  },
} as const satisfies Record<string, LocalizedText>;

export type ProblemCode = keyof typeof PROBLEM_TITLES;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_TITLES, code);
}

export function problemTitle(code: string, locale: Locale): string {
  return isProblemCode(code) ? PROBLEM_TITLES[code][locale] : PROBLEM_TITLES.internal_error[locale];
}

/** Field-level messages for schema violations, keyed by the kind of violation. */
export const FIELD_MESSAGES = {
  required: { en: 'Enter {field}', 'zh-CN': '请填写{field}' },
  unknown: { en: '{field} is not an accepted field', 'zh-CN': '不接受字段{field}' },
  type: { en: '{field} has the wrong type', 'zh-CN': '{field}的类型不正确' },
  format: { en: '{field} is not in the right format', 'zh-CN': '{field}的格式不正确' },
  tooShort: { en: '{field} is too short', 'zh-CN': '{field}太短' },
  tooLong: { en: '{field} is too long', 'zh-CN': '{field}太长' },
  range: { en: '{field} is out of range', 'zh-CN': '{field}超出范围' },
  enum: { en: '{field} is not one of the allowed values', 'zh-CN': '{field}不是允许的值' },
  invalid: { en: '{field} is not valid', 'zh-CN': '{field}无效' },
} as const satisfies Record<string, LocalizedText>;

export type FieldMessageKind = keyof typeof FIELD_MESSAGES;

export function fieldMessage(kind: FieldMessageKind, field: string, locale: Locale): string {
  return FIELD_MESSAGES[kind][locale].replace('{field}', field);
}
