// The sign-in, one-time-code and consent pages of the simulated VNeID.
import { type Text, text } from '@elc/core'
import { bilingual, escapeHtml, page } from './html.ts'

const SCOPE_LABELS: Record<string, Text> = {
  openid: text('Định danh tài khoản VNeID', 'Your VNeID account identifier'),
  profile: text('Họ tên, ngày sinh, giới tính', 'Name, date of birth, sex'),
  address: text('Nơi cư trú', 'Place of residence'),
  personal_id: text('Số định danh cá nhân (số CCCD)', 'Personal identification number (CCCD)'),
  organisation: text(
    'Tên tổ chức, mã số thuế, người đại diện theo pháp luật',
    'Organisation name, tax code, legal representative',
  ),
}

function errorBlock(error: Text | undefined): string {
  return error ? `<div class="error" role="alert">${bilingual(error)}</div>` : ''
}

export function loginPage(input: {
  uid: string
  clientName: string
  level2: boolean
  loginId?: string
  error?: Text
}): string {
  return page(
    text('Đăng nhập bằng tài khoản định danh điện tử', 'Sign in with your e-identity account'),
    `${bilingual(text(`Ứng dụng “${input.clientName}” yêu cầu xác thực danh tính của bạn.`, `The application “${input.clientName}” asks to verify your identity.`))}
${input.level2 ? `<div class="notice">${bilingual(text('Yêu cầu tài khoản định danh điện tử mức độ 2.', 'A level-2 e-identity account is required.'))}</div>` : ''}
${errorBlock(input.error)}
<form method="post" action="${escapeHtml(`/vneid/interaction/${input.uid}/login`)}" autocomplete="off">
<label for="loginId">Số định danh cá nhân hoặc mã số thuế <span class="en" lang="en">Personal ID number, or tax code for an organisation</span></label>
<input id="loginId" name="loginId" inputmode="numeric" required autofocus value="${escapeHtml(input.loginId ?? '')}">
<label for="password">Mật khẩu <span class="en" lang="en">Password</span></label>
<input id="password" name="password" type="password" required>
<button type="submit">Đăng nhập · Sign in</button>
</form>
<form method="post" action="${escapeHtml(`/vneid/interaction/${input.uid}/abort`)}">
<button class="secondary" type="submit">Hủy · Cancel</button>
</form>`,
  )
}

/**
 * Level 2: the real VNeID asks the citizen to confirm in the VNeID phone app. The simulator shows the code
 * here instead, and the person types it back, so a wrong code is still refused.
 */
export function otpPage(input: { uid: string; otp: string; attemptsLeft: number; error?: Text }): string {
  return page(
    text('Xác nhận trên ứng dụng VNeID', 'Confirm in the VNeID app'),
    `${bilingual(text('Nhập mã xác nhận được gửi tới ứng dụng VNeID của bạn.', 'Enter the confirmation code sent to your VNeID app.'))}
<div class="notice">${bilingual(text('Chế độ mô phỏng: mã xác nhận được hiển thị tại đây thay cho ứng dụng VNeID.', 'Simulator mode: the confirmation code is shown here instead of in the VNeID app.'))}
<output class="otp" id="otp">${escapeHtml(input.otp)}</output></div>
${errorBlock(input.error)}
<form method="post" action="${escapeHtml(`/vneid/interaction/${input.uid}/otp`)}" autocomplete="off">
<label for="code">Mã xác nhận <span class="en" lang="en">Confirmation code (${input.attemptsLeft} attempt(s) left)</span></label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autofocus>
<button type="submit">Xác nhận · Confirm</button>
</form>`,
  )
}

export function consentPage(input: { uid: string; clientName: string; scopes: string[] }): string {
  const items = input.scopes
    .map((s) => SCOPE_LABELS[s] ?? text(s, s))
    .map((t) => `<li>${escapeHtml(t.vi)} <span class="en" lang="en">· ${escapeHtml(t.en)}</span></li>`)
    .join('')
  return page(
    text('Đồng ý chia sẻ thông tin', 'Consent to share information'),
    `${bilingual(text(`Ứng dụng “${input.clientName}” sẽ nhận các thông tin sau từ tài khoản định danh điện tử của bạn:`, `The application “${input.clientName}” will receive the following from your e-identity account:`))}
<ul>${items}</ul>
<form method="post" action="${escapeHtml(`/vneid/interaction/${input.uid}/confirm`)}">
<button type="submit" autofocus>Đồng ý · Allow</button>
</form>
<form method="post" action="${escapeHtml(`/vneid/interaction/${input.uid}/abort`)}">
<button class="secondary" type="submit">Từ chối · Deny</button>
</form>`,
  )
}

export function messagePage(title: Text, message: Text): string {
  return page(title, `<div class="error" role="alert">${bilingual(message)}</div>`)
}
