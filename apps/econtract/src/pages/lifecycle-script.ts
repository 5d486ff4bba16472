// The lifecycle form's live labor-code check: the form's fields go to the server, which builds the document
// as it would on save and answers its findings, each with the input it belongs beside (`anchor`). The page
// works without it: the server re-renders the form with its findings and refuses to send with errors.
export const LIFECYCLE_SCRIPT = `;(() => {
  const form = document.getElementById('lifecycle-form')
  if (!form) return
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';')
  const idOf = (name) => 'l' + name.replace(/[^A-Za-z0-9_]+/g, '-')
  function item(f) {
    const li = document.createElement('li')
    li.className = 'msg ' + f.severity
    li.dataset.code = f.code
    li.dataset.path = f.path
    li.innerHTML = '<strong>' + (f.severity === 'error' ? 'Lỗi' : 'Cảnh báo') + '</strong> (' + esc(f.ruleId) + ') ' +
      esc(f.message.vi) + '<span class="en block">' + esc(f.message.en) + '</span>'
    return li
  }
  function show(findings) {
    const lists = new Map()
    for (const list of form.querySelectorAll('.field-msgs')) {
      list.replaceChildren()
      lists.set(list.dataset.for, list)
    }
    for (const el of form.querySelectorAll('.has-error, .has-warning')) el.classList.remove('has-error', 'has-warning')
    const all = document.getElementById('findings')
    all.replaceChildren()
    for (const f of findings) {
      const li = item(f)
      const target = lists.get(f.anchor)
      if (target) {
        target.append(li.cloneNode(true))
        const holder = target.closest('.field')
        if (holder && !holder.classList.contains('has-error'))
          holder.classList.add(f.severity === 'error' ? 'has-error' : 'has-warning')
      }
      const a = document.createElement('a')
      a.href = '#' + (f.anchor ? idOf(f.anchor) : 'findings-title')
      a.append(...li.childNodes)
      li.append(a)
      all.append(li)
    }
    const errors = findings.filter((f) => f.severity === 'error').length
    const warnings = findings.length - errors
    document.getElementById('findings-summary').innerHTML = errors + warnings === 0
      ? 'Không phát hiện lỗi hay cảnh báo. <span class="en">No errors or warnings found.</span>'
      : errors + ' lỗi, ' + warnings + ' cảnh báo. <span class="en">' + errors + ' error(s), ' + warnings + ' warning(s).</span>'
    const send = document.getElementById('send-button')
    send.disabled = errors > 0
    send.setAttribute('aria-disabled', String(errors > 0))
    document.getElementById('send-blocked').hidden = errors === 0
    document.getElementById('ack-box').hidden = warnings === 0
  }
  let timer
  let sequence = 0
  const check = async () => {
    const mine = ++sequence
    const body = {}
    for (const [k, v] of new FormData(form)) if (k !== '_csrf') body[k] = v
    try {
      const response = await fetch(form.dataset.findings, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      })
      if (!response.ok || mine !== sequence) return
      show((await response.json()).findings)
    } catch {
      // Offline or signed out: the server still checks on save.
    }
  }
  const later = (ms) => () => {
    clearTimeout(timer)
    timer = setTimeout(check, ms)
  }
  form.addEventListener('input', later(500))
  form.addEventListener('change', later(200))
  form.addEventListener('submit', (event) => {
    const ack = document.getElementById('acknowledgeWarnings')
    if (event.submitter?.value === 'send' && !document.getElementById('ack-box').hidden && !ack.checked) {
      event.preventDefault()
      ack.focus()
      ack.closest('.check').classList.add('msg', 'warning')
    }
  })
})()
`
