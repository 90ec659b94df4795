-- lsp-neovim.lua: Neovim (0.7, headless) as txlint's language-server client
-- (ci/tests/lsp_neovim.sh). Starts `txlint lsp` with vim.lsp.start_client, opens a fixture,
-- waits for the diagnostics, checks rule, line and column against the CLI's (EXPECT:
-- "rule:line:column", column in UTF-16 units as SARIF has it), types a new finding, applies
-- the suppression code action and checks that the finding is gone.
local txlint, root, expect = os.getenv('TXLINT'), os.getenv('PROJECT'), os.getenv('EXPECT')
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '30000')
local function out(s) io.stdout:write(s .. '\n') end
local function fail(msg)
  out('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end
local function ok(msg) out('ok: ' .. msg) end

local client_id = vim.lsp.start_client({ name = 'txlint', cmd = { txlint, 'lsp' }, root_dir = root })
if not client_id then fail('start_client') end
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/src/route.ts'))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

local function find(rule, lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == rule and (lnum == nil or d.lnum == lnum) then return d end
  end
end
-- A diagnostic's column (bytes in Neovim) as 1-based UTF-16 units, like SARIF's.
local function utf16_col(d)
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, true)[1]
  local _, units = vim.str_utfindex(line, d.col)
  return units + 1
end

local rule, line, col = expect:match('^([%w-]+):(%d+):(%d+)$')
if not vim.wait(timeout, function() return find(rule) ~= nil end, 20) then fail('no ' .. rule .. ' diagnostic') end
local d = find(rule)
local got = string.format('%s:%d:%d', d.code, d.lnum + 1, utf16_col(d))
if got ~= expect then fail('diagnostic ' .. got .. ', the CLI has ' .. expect) end
ok('diagnostic ' .. got .. ' equals the CLI finding')
if d.source ~= 'txlint' then fail('source ' .. tostring(d.source)) end

-- Type an unfiltered update below the call of markDone: a new finding on that line.
local typed = tonumber(line) + 1 -- 0-based line of the new text
vim.api.nvim_buf_set_lines(buf, typed, typed, true, { "  await db.from('calls').update({ status: 'x' }).eq('id', id);" })
if not vim.wait(timeout, function() return find(rule, typed) ~= nil end, 20) then
  fail('no diagnostic for the typed line')
end
ok('typing: a new ' .. rule .. ' at line ' .. (typed + 1))

-- The suppression code action, applied through Neovim's own workspace-edit code.
local client = vim.lsp.get_client_by_id(client_id)
local target = find(rule, typed)
local lsp_diag = target.user_data and target.user_data.lsp
if not lsp_diag then fail('diagnostic without its LSP form') end
local resp = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  -- Neovim 0.7 keeps code and data of the LSP diagnostic, not its range: the line's range.
  range = { start = { line = typed, character = 0 }, ['end'] = { line = typed, character = 0 } },
  context = { diagnostics = { lsp_diag } },
}, timeout, buf)
if not resp or resp.err or not resp.result then fail('codeAction failed') end
local action
for _, a in ipairs(resp.result) do
  if a.title == string.format('Suppress %s on line %d', rule, typed + 1) then action = a end
end
if not action then fail('no suppression code action: ' .. vim.inspect(lsp_diag)) end
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
local comment = vim.api.nvim_buf_get_lines(buf, typed, typed + 1, true)[1]
if comment ~= '  // txlint-ignore ' .. rule .. ' -- <reason>' then fail('inserted ' .. comment) end
if not vim.wait(timeout, function() return find(rule, typed + 1) == nil and find('unused-suppression', typed) ~= nil end, 20) then
  fail('the suppressed diagnostic is still shown')
end
if not find(rule, tonumber(line) - 1) then fail('the other finding went too') end
ok('the suppression code action hides the finding (unused-suppression asks for a reason)')

client.stop()
vim.wait(5000, function() return client.is_stopped() end, 20)
out('all passed')
vim.cmd('qall!')
