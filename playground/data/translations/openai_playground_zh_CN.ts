<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>The MCP server “%1” did not answer within %2 s.</source>
        <translation>MCP 服务器“%1”在 %2 秒内没有响应。</translation>
    </message>
    <message>
        <source>The MCP server “%1” is not running. Start it in MCP servers, then try again.</source>
        <translation>MCP 服务器“%1”未运行。请在“MCP 服务器”中启动它，然后重试。</translation>
    </message>
    <message>
        <source>The MCP server “%1” stopped (connection closed).</source>
        <translation>MCP 服务器“%1”已停止（连接已关闭）。</translation>
    </message>
    <message>
        <source>The MCP server “%1” could not run “%2”: %3.</source>
        <translation>MCP 服务器“%1”无法运行“%2”：%3。</translation>
    </message>
    <message>
        <source>The working folder of “%1” does not exist: %2.</source>
        <translation>“%1”的工作文件夹不存在：%2。</translation>
    </message>
    <message>
        <source>Could not start the MCP server “%1”: the command “%2” was not found. Check the command, or give its full path.</source>
        <translation>无法启动 MCP 服务器“%1”：找不到命令“%2”。请检查命令，或填写其完整路径。</translation>
    </message>
    <message>
        <source>Could not start the MCP server “%1”: “%2” cannot be run (permission denied).</source>
        <translation>无法启动 MCP 服务器“%1”：“%2”无法运行（权限不足）。</translation>
    </message>
    <message>
        <source>The MCP server “%1” exited before it was ready. It said: %2</source>
        <translation>MCP 服务器“%1”在就绪前退出了。它的输出：%2</translation>
    </message>
    <message>
        <source>The MCP server “%1” exited before it was ready.</source>
        <translation>MCP 服务器“%1”在就绪前退出了。</translation>
    </message>
    <message>
        <source>Could not connect to the MCP server “%1” at %2: nothing answered there. Is the server running?</source>
        <translation>无法连接到位于 %2 的 MCP 服务器“%1”：那里没有响应。服务器在运行吗？</translation>
    </message>
    <message>
        <source>The MCP server “%1” at %2 answered HTTP %3. Check the URL (streamable HTTP endpoints usually end in /mcp).</source>
        <translation>位于 %2 的 MCP 服务器“%1”返回了 HTTP %3。请检查 URL（可流式 HTTP 端点通常以 /mcp 结尾）。</translation>
    </message>
    <message>
        <source>The MCP server “%1” failed to start: %2.</source>
        <translation>MCP 服务器“%1”启动失败：%2。</translation>
    </message>
    <message>
        <source>There is already a server named “%1”.</source>
        <translation>已有名为“%1”的服务器。</translation>
    </message>
    <message>
        <source>Import stopped at “%1”: %2</source>
        <translation>导入在“%1”处停止：%2</translation>
    </message>
    <message>
        <source>Imported %1 MCP server(s): %2.</source>
        <translation>已导入 %1 个 MCP 服务器：%2。</translation>
    </message>
    <message>
        <source>These values were moved to the system keyring and are not kept in the app&apos;s settings: %1. The imported file still holds them; delete it or remove them from it if you no longer need it.</source>
        <translation>这些值已移入系统密钥环，不会保存在应用设置中：%1。导入的文件中仍有这些值；如不再需要，请删除该文件或从中移除它们。</translation>
    </message>
    <message>
        <source>Skipped: %1.</source>
        <comment>; </comment>
        <translation>已跳过：%1。</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Attached images</source>
        <translation>已附加的图像</translation>
    </message>
    <message>
        <source>Remove attached image %1</source>
        <translation>移除附加的图像 %1</translation>
    </message>
    <message>
        <source>%1 × %2 px — click to remove</source>
        <translation>%1 × %2 px — 点击移除</translation>
    </message>
</context>
<context>
    <name>BackgroundLine</name>
    <message>
        <source>Background run status</source>
        <translation>后台运行状态</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the background run</source>
        <translation>取消后台运行</translation>
    </message>
    <message>
        <source>Stop waiting and ask the server to cancel the run</source>
        <translation>停止等待，并请服务器取消该运行</translation>
    </message>
    <message>
        <source>Queued on the server… %1</source>
        <translation>在服务器上排队中… %1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>运行中 %1…</translation>
    </message>
    <message>
        <source>Background run: %1</source>
        <translation>后台运行：%1</translation>
    </message>
</context>
<context>
    <name>BatchChecks</name>
    <message>
        <source>The &quot;contains&quot; check needs the text to look for.</source>
        <translation>“包含”检查需要填写要查找的文本。</translation>
    </message>
    <message>
        <source>The &quot;equals column&quot; check names %1, which the rows do not have. Their columns: %2.</source>
        <translation>“等于列”检查指定了 %1，但这些行没有该列。现有列：%2。</translation>
    </message>
    <message>
        <source>The regular expression %1 is not valid: %2 (at position %3).</source>
        <translation>正则表达式 %1 无效：%2（位置 %3）。</translation>
    </message>
    <message>
        <source>Unknown check: %1</source>
        <translation>未知的检查：%1</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>differs from %1 (&quot;%2&quot;)</source>
        <translation>与 %1 不同（“%2”）</translation>
    </message>
    <message>
        <source>does not contain &quot;%1&quot;</source>
        <translation>不包含“%1”</translation>
    </message>
    <message>
        <source>does not match %1</source>
        <translation>不匹配 %1</translation>
    </message>
    <message>
        <source>does not match the schema at %1: %2</source>
        <translation>在 %1 处不符合结构：%2</translation>
    </message>
    <message>
        <source>equals column</source>
        <translation>等于列</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>not valid JSON: %1 (line %2, column %3)</source>
        <translation>不是有效的 JSON：%1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>valid JSON for the schema</source>
        <translation>符合结构的有效 JSON</translation>
    </message>
</context>
<context>
    <name>BatchRun</name>
    <message>
        <source>Batch run %1 no longer exists.</source>
        <translation>批量运行 %1 已不存在。</translation>
    </message>
    <message>
        <source>Choose a model for %1.</source>
        <translation>请为 %1 选择模型。</translation>
    </message>
    <message>
        <source>Choose a prompt template to run.</source>
        <translation>请选择要运行的提示词模板。</translation>
    </message>
    <message>
        <source>The prompt %1 has no message text.</source>
        <translation>提示词 %1 没有消息文本。</translation>
    </message>
</context>
<context>
    <name>BatchRunView</name>
    <message>
        <source>Batch runs</source>
        <translation>批量运行</translation>
    </message>
    <message>
        <source>Choose rows…</source>
        <translation>选择数据行…</translation>
    </message>
    <message>
        <source>Choose a CSV or JSONL file of rows</source>
        <translation>选择包含数据行的 CSV 或 JSONL 文件</translation>
    </message>
    <message>
        <source>No rows yet: choose a CSV (header row = variable names) or JSONL file.</source>
        <translation>尚无数据行：请选择 CSV（首行为变量名）或 JSONL 文件。</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>同时请求数</translation>
    </message>
    <message>
        <source>Compare with a second prompt</source>
        <translation>与第二个提示词比较</translation>
    </message>
    <message>
        <source>Earlier runs</source>
        <translation>以前的运行</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the chosen earlier run</source>
        <translation>打开所选的以前的运行</translation>
    </message>
    <message>
        <source>At once</source>
        <translation>同时</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Second prompt</source>
        <translation>第二个提示词</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the batch</source>
        <translation>运行批量任务</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the batch (finished rows are kept)</source>
        <translation>停止批量任务（已完成的行会保留）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Run the rows still missing</source>
        <translation>运行尚未完成的行</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the results to CSV</source>
        <translation>把结果导出为 CSV</translation>
    </message>
    <message>
        <source>Batch summary</source>
        <translation>批量汇总</translation>
    </message>
    <message>
        <source>Batch results</source>
        <translation>批量结果</translation>
    </message>
    <message>
        <source>Choose rows</source>
        <translation>选择数据行</translation>
    </message>
    <message>
        <source>Rows (*.csv *.jsonl *.ndjson)</source>
        <translation>数据行 (*.csv *.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>%1: %2 rows, columns %3</source>
        <translation>%1：%2 行，列 %3</translation>
    </message>
    <message>
        <source>Choose a file of rows first.</source>
        <translation>请先选择数据行文件。</translation>
    </message>
    <message>
        <source>%1 / %2 done</source>
        <translation>已完成 %1 / %2</translation>
    </message>
    <message>
        <source>pass rate %1% (%2 of %3)</source>
        <translation>通过率 %1%（%3 中 %2）</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>费用 %1</translation>
    </message>
    <message>
        <source>Rate limited: every request waits %1 s.</source>
        <translation>触发速率限制：每个请求等待 %1 秒。</translation>
    </message>
    <message>
        <source>#%1 %2 (%3/%4)</source>
        <translation>#%1 %2（%3/%4）</translation>
    </message>
    <message>
        <source>That run no longer exists.</source>
        <translation>该运行已不存在。</translation>
    </message>
    <message>
        <source>Run #%1: %2 rows</source>
        <translation>运行 #%1：%2 行</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已将 %1 行导出到 %2</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
</context>
<context>
    <name>Bootstrap</name>
    <message>
        <source>History is not saved this session: %1</source>
        <translation>本次会话的历史记录不会保存：%1</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Budget and prices</source>
        <translation>预算与价格</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Daily cap in dollars</source>
        <translation>每日上限（美元）</translation>
    </message>
    <message>
        <source>Monthly cap in dollars</source>
        <translation>每月上限（美元）</translation>
    </message>
    <message>
        <source>Save caps</source>
        <translation>保存上限</translation>
    </message>
    <message>
        <source>Save budget caps</source>
        <translation>保存预算上限</translation>
    </message>
    <message>
        <source>Budget message</source>
        <translation>预算提示</translation>
    </message>
    <message>
        <source>Budget caps (empty = no cap)</source>
        <translation>预算上限（留空 = 不设上限）</translation>
    </message>
    <message>
        <source>Daily ($)</source>
        <translation>每日（$）</translation>
    </message>
    <message>
        <source>Monthly ($)</source>
        <translation>每月（$）</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>Pricing file message</source>
        <translation>价格文件提示</translation>
    </message>
    <message>
        <source>Open my pricing file</source>
        <translation>打开我的价格文件</translation>
    </message>
    <message>
        <source>Open the user pricing file</source>
        <translation>打开用户价格文件</translation>
    </message>
    <message>
        <source>Reload prices</source>
        <translation>重新加载价格</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>Daily cap</source>
        <translation>每日上限</translation>
    </message>
    <message>
        <source>Monthly cap</source>
        <translation>每月上限</translation>
    </message>
    <message>
        <source>Saved the caps of %1.</source>
        <translation>已保存 %1 的上限。</translation>
    </message>
    <message>
        <source>Cannot save the caps: %1</source>
        <translation>无法保存上限：%1</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Edit %1, save it, then press Reload prices.</source>
        <translation>编辑 %1 并保存，然后点击“重新加载价格”。</translation>
    </message>
    <message>
        <source>Prices reloaded.</source>
        <translation>价格已重新加载。</translation>
    </message>
    <message>
        <source>Shipped prices of %1 (%2). Your file: %3</source>
        <translation>内置价格：%1（%2）。你的文件：%3</translation>
    </message>
</context>
<context>
    <name>ChatInput</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Type a message — Ctrl+Enter to send</source>
        <translation>输入消息 — Ctrl+Enter 发送</translation>
    </message>
</context>
<context>
    <name>ChatParams</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Pick a model or type its name</source>
        <translation>选择模型或输入模型名称</translation>
    </message>
    <message>
        <source>Refresh the model list from the server</source>
        <translation>从服务器刷新模型列表</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>刷新模型</translation>
    </message>
    <message>
        <source>System message</source>
        <translation>系统消息</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>你是一个乐于助人的助手。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Higher values make replies more random</source>
        <translation>值越高，回复越随机</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Nucleus sampling: consider tokens within this probability mass</source>
        <translation>核采样：只考虑累计概率在此范围内的 token</translation>
    </message>
    <message>
        <source>Maximum tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <source>Upper limit of tokens in the reply (reasoning tokens included)</source>
        <translation>回复的 token 上限（含推理 token）</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>频率惩罚</translation>
    </message>
    <message>
        <source>Penalise tokens by how often they already appeared</source>
        <translation>按 token 已出现的次数降低其概率</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>存在惩罚</translation>
    </message>
    <message>
        <source>Penalise tokens that already appeared at all</source>
        <translation>降低已出现过的 token 的概率</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>停止序列</translation>
    </message>
    <message>
        <source>Up to 4, one per line</source>
        <translation>最多 4 个，每行一个</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Extra high</source>
        <translation>超高</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>Developer message</source>
        <translation>开发者消息</translation>
    </message>
    <message>
        <source>Only the first 4 stop sequences are sent; the API accepts at most 4.</source>
        <translation>只发送前 4 个停止序列；API 最多接受 4 个。</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Chat notice</source>
        <translation>聊天提示</translation>
    </message>
    <message>
        <source>Notice action</source>
        <translation>提示操作</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending starts a new version from here; the current one stays (‹ › on the message switches between them).</source>
        <translation>正在编辑之前的消息：发送后将从这里开始一个新版本；当前版本会保留（消息上的 ‹ › 可在版本之间切换）。</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>View this request as Python or curl</source>
        <translation>以 Python 或 curl 查看此请求</translation>
    </message>
    <message>
        <source>View code</source>
        <translation>查看代码</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>图像…</translation>
    </message>
    <message>
        <source>Attach images (or paste / drop them)</source>
        <translation>附加图像（也可粘贴或拖放）</translation>
    </message>
    <message>
        <source>Attach image</source>
        <translation>附加图像</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <source>Stopped here, but the server could not be asked to cancel the background run (it may go on and be billed): %1</source>
        <translation>已在本地停止，但无法请服务器取消后台运行（它可能继续运行并计费）：%1</translation>
    </message>
    <message>
        <source>Stopped. The server was asked to cancel the background run.</source>
        <translation>已停止。已请服务器取消后台运行。</translation>
    </message>
    <message>
        <source>The server was asked to cancel the background run.</source>
        <translation>已请服务器取消后台运行。</translation>
    </message>
    <message>
        <source>code session ×%1</source>
        <translation>代码会话 ×%1</translation>
    </message>
    <message>
        <source>image ×%1</source>
        <translation>图像 ×%1</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <source>tools: %1 %2</source>
        <translation>工具：%1 %2</translation>
    </message>
    <message>
        <source>web search ×%1</source>
        <translation>网页搜索 ×%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>That image could not be read.</source>
        <translation>无法读取该图像。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Could not send: %1</source>
        <translation>无法发送：%1</translation>
    </message>
    <message>
        <source>Starting up — your message is sent in a moment.</source>
        <translation>正在启动——你的消息稍后会自动发送。</translation>
    </message>
    <message>
        <source>Type a message or attach an image first.</source>
        <translation>请先输入消息或附加图像。</translation>
    </message>
    <message>
        <source>Pick or type a model first.</source>
        <translation>请先选择或输入模型。</translation>
    </message>
    <message>
        <source>%1 does not accept images. Pick a vision model such as gpt-4o, or remove the images.</source>
        <translation>%1 不支持图像输入。请选择支持视觉的模型（如 gpt-4o），或移除图像。</translation>
    </message>
    <message>
        <source>“Send anyway” sends this one request.</source>
        <translation>“仍然发送”只对本次请求生效。</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>The reply reached the maximum tokens and stopped.</source>
        <translation>回复已达到最大 token 数而停止。</translation>
    </message>
    <message>
        <source>Raise “Maximum tokens” or continue the reply.</source>
        <translation>调高“最大 token 数”或继续生成回复。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The reply was stopped by the content filter.</source>
        <translation>回复被内容过滤器拦截。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>%1 Retrying in %2 s (attempt %3)…</source>
        <translation>%1 %2 秒后重试（第 %3 次）…</translation>
    </message>
    <message>
        <source>A conversation needs a title; the old one was kept.</source>
        <translation>对话需要标题；已保留原标题。</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>This server does not list its models; type a model name.</source>
        <translation>此服务器不提供模型列表；请手动输入模型名称。</translation>
    </message>
    <message>
        <source>Could not load the model list: %1</source>
        <translation>无法加载模型列表：%1</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>附加图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <source>%1 is not an image this app can read.</source>
        <translation>%1 不是本应用可读取的图像。</translation>
    </message>
    <message>
        <source>Note: %1 may not accept images.</source>
        <translation>注意：%1 可能不支持图像输入。</translation>
    </message>
</context>
<context>
    <name>ChatTools</name>
    <message>
        <source>The model called local tools %1 times in a row; answer its calls yourself or send a new message to go on.</source>
        <translation>模型已连续 %1 次调用本地工具；请自行回答它的调用，或发送新消息以继续。</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Output contains</source>
        <translation>输出包含</translation>
    </message>
    <message>
        <source>text the output must contain</source>
        <translation>输出必须包含的文本</translation>
    </message>
    <message>
        <source>Output matches regular expression</source>
        <translation>输出匹配正则表达式</translation>
    </message>
    <message>
        <source>a regular expression, e.g. ^\d+$</source>
        <translation>正则表达式，例如 ^\d+$</translation>
    </message>
    <message>
        <source>Output equals column</source>
        <translation>输出等于列</translation>
    </message>
    <message>
        <source>Output is JSON valid against the schema</source>
        <translation>输出是符合结构的有效 JSON</translation>
    </message>
    <message>
        <source>a JSON schema the output must match</source>
        <translation>输出必须符合的 JSON 结构</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Equals column</source>
        <translation>等于列</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON 结构</translation>
    </message>
    <message>
        <source>(no check)</source>
        <translation>（不检查）</translation>
    </message>
</context>
<context>
    <name>ChoicesPanel</name>
    <message>
        <source>Choices</source>
        <translation>候选回复</translation>
    </message>
    <message>
        <source>Choice %1</source>
        <translation>候选 %1</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation>用这个继续</translation>
    </message>
    <message>
        <source>Continue with choice %1</source>
        <translation>用候选 %1 继续</translation>
    </message>
</context>
<context>
    <name>CodeCard</name>
    <message>
        <source>Code interpreter</source>
        <translation>代码解释器</translation>
    </message>
    <message>
        <source>Code the model ran</source>
        <translation>模型运行的代码</translation>
    </message>
    <message>
        <source>Output of the code</source>
        <translation>代码的输出</translation>
    </message>
    <message>
        <source>Ran code</source>
        <translation>已运行代码</translation>
    </message>
</context>
<context>
    <name>CodeDialog</name>
    <message>
        <source>View code</source>
        <translation>查看代码</translation>
    </message>
    <message>
        <source>The request as it would be sent now. The key is read from the OPENAI_API_KEY environment variable; it is never shown here.</source>
        <translation>当前将要发送的请求。密钥从环境变量 OPENAI_API_KEY 读取，不会在此显示。</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions of “%1”</source>
        <translation>比较“%1”的版本</translation>
    </message>
    <message>
        <source>Compare prompt versions</source>
        <translation>比较提示词版本</translation>
    </message>
    <message>
        <source>Older version</source>
        <translation>较旧版本</translation>
    </message>
    <message>
        <source>Newer version</source>
        <translation>较新版本</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>v%1 and v%2 have the same content.</source>
        <translation>v%1 与 v%2 内容相同。</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>Profile: the server and key this pane uses</source>
        <translation>配置：此窗格使用的服务器和密钥</translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation>用这个继续</translation>
    </message>
    <message>
        <source>Pane %1</source>
        <translation>窗格 %1</translation>
    </message>
    <message>
        <source>Profile of pane %1</source>
        <translation>窗格 %1 的配置</translation>
    </message>
    <message>
        <source>Model of pane %1</source>
        <translation>窗格 %1 的模型</translation>
    </message>
    <message>
        <source>Settings of pane %1</source>
        <translation>窗格 %1 的设置</translation>
    </message>
    <message>
        <source>Remove pane %1</source>
        <translation>移除窗格 %1</translation>
    </message>
    <message>
        <source>Reply of pane %1</source>
        <translation>窗格 %1 的回复</translation>
    </message>
    <message>
        <source>Problem in pane %1</source>
        <translation>窗格 %1 的问题</translation>
    </message>
    <message>
        <source>Metrics of pane %1</source>
        <translation>窗格 %1 的指标</translation>
    </message>
    <message>
        <source>Continue with the reply of pane %1</source>
        <translation>用窗格 %1 的回复继续</translation>
    </message>
    <message>
        <source>Retrying in %1 s…</source>
        <translation>%1 秒后重试…</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>正在等待第一个 token…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation>首个 token %1 秒</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 tokens in, %2 out</source>
        <translation>输入 %1 token，输出 %2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
</context>
<context>
    <name>CompareRun</name>
    <message>
        <source>%1 (The key of “%2” could not be read: %3)</source>
        <translation>%1（无法读取“%2”的密钥：%3）</translation>
    </message>
    <message>
        <source>Choose a model for pane %1.</source>
        <translation>请为窗格 %1 选择模型。</translation>
    </message>
    <message>
        <source>Could not record the usage: %1</source>
        <translation>无法记录用量：%1</translation>
    </message>
    <message>
        <source>There is no profile named “%1” any more; choose another.</source>
        <translation>名为“%1”的配置已不存在；请选择其他配置。</translation>
    </message>
    <message>
        <source>This pane failed: %1</source>
        <translation>此窗格失败：%1</translation>
    </message>
    <message>
        <source>Type a prompt to compare.</source>
        <translation>请输入要比较的提示词。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source>System message</source>
        <translation>系统消息</translation>
    </message>
    <message>
        <source>System message (optional)</source>
        <translation>系统消息（可选）</translation>
    </message>
    <message>
        <source>Prompt to compare</source>
        <translation>要比较的提示词</translation>
    </message>
    <message>
        <source>One prompt, sent to every pane at once (Ctrl+Enter)</source>
        <translation>同一提示词同时发送到每个窗格（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>全部发送</translation>
    </message>
    <message>
        <source>Send the prompt to every pane</source>
        <translation>把提示词发送到每个窗格</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop every pane</source>
        <translation>停止所有窗格</translation>
    </message>
    <message>
        <source>Add pane</source>
        <translation>添加窗格</translation>
    </message>
    <message>
        <source>Add a pane (at most four)</source>
        <translation>添加窗格（最多四个）</translation>
    </message>
    <message>
        <source>Scroll together</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>Scroll every pane together</source>
        <translation>所有窗格一起滚动</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Compare message</source>
        <translation>比较提示</translation>
    </message>
    <message>
        <source>%1 (pane %2, %3)</source>
        <translation>%1（窗格 %2，%3）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Fastest: %1</source>
        <translation>最快：%1</translation>
    </message>
    <message>
        <source>First token: %1</source>
        <translation>首个 token：%1</translation>
    </message>
    <message>
        <source>Cheapest: %1</source>
        <translation>最便宜：%1</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search all conversations…</source>
        <translation>搜索全部对话…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>新建对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新建对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>No conversations match “%1”.</source>
        <translation>没有与“%1”匹配的对话。</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>删除“%1”及其全部消息？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1（未连接）</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>Access denied (403): this key, organization or region may not use this.</source>
        <translation>拒绝访问（403）：此密钥、组织或所在地区无权使用该功能。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check your network connection and the profile&apos;s base URL.</source>
        <translation>无法连接服务器。请检查网络连接和配置中的 Base URL。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Edit profile…</source>
        <translation>编辑配置…</translation>
    </message>
    <message>
        <source>Enter API key…</source>
        <translation>输入 API 密钥…</translation>
    </message>
    <message>
        <source>Not found (404): the model does not exist here or the server lacks this endpoint.</source>
        <translation>未找到（404）：此服务器上没有该模型，或服务器不支持此接口。</translation>
    </message>
    <message>
        <source>Open billing page</source>
        <translation>打开账单页面</translation>
    </message>
    <message>
        <source>Rate limited (429): too many requests or tokens per minute.</source>
        <translation>触发速率限制（429）：每分钟的请求数或 token 数过多。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>出错了。</translation>
    </message>
    <message>
        <source>Stopped by you.</source>
        <translation>已由你停止。</translation>
    </message>
    <message>
        <source>The API key was rejected (401). Check or replace the key.</source>
        <translation>API 密钥被拒绝（401）。请检查或更换密钥。</translation>
    </message>
    <message>
        <source>The conversation is longer than this model&apos;s context window. Start a new conversation, delete earlier messages, or pick a model with a larger window.</source>
        <translation>对话长度超出了此模型的上下文窗口。请新建对话、删除较早的消息，或选择上下文窗口更大的模型。</translation>
    </message>
    <message>
        <source>The proxy failed. Check the proxy address in the profile.</source>
        <translation>代理出错。请检查配置中的代理地址。</translation>
    </message>
    <message>
        <source>The reply was cut off before any text arrived.</source>
        <translation>回复在收到任何文字之前就中断了。</translation>
    </message>
    <message>
        <source>The reply was cut off mid-way; what arrived is kept.</source>
        <translation>回复中途被截断；已收到的内容已保留。</translation>
    </message>
    <message>
        <source>The request is too large for the server (413).</source>
        <translation>请求过大，服务器无法处理（413）。</translation>
    </message>
    <message>
        <source>The request was refused by the content policy.</source>
        <translation>请求因内容政策被拒绝。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器未能及时响应。</translation>
    </message>
    <message>
        <source>The server had an error.</source>
        <translation>服务器出错。</translation>
    </message>
    <message>
        <source>The server rejected the request as invalid.</source>
        <translation>服务器认为请求无效并拒绝了它。</translation>
    </message>
    <message>
        <source>This reply was interrupted; what arrived is kept.</source>
        <translation>此回复被中断；已收到的内容已保留。</translation>
    </message>
    <message>
        <source>This server does not support that feature.</source>
        <translation>此服务器不支持该功能。</translation>
    </message>
    <message>
        <source>Your quota is used up (429 insufficient_quota). Add credit to your account; retrying will not help.</source>
        <translation>你的额度已用完（429 insufficient_quota）。请为账户充值；重试无济于事。</translation>
    </message>
</context>
<context>
    <name>FileSearchCard</name>
    <message>
        <source>File search</source>
        <translation>文件搜索</translation>
    </message>
    <message>
        <source>Show or hide the chunks the answer used</source>
        <translation>显示或隐藏回答所用的片段</translation>
    </message>
    <message>
        <source>Chunks the answer used</source>
        <translation>回答所用的片段</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Searched your files for %1</source>
        <translation>已在你的文件中搜索 %1</translation>
    </message>
    <message>
        <source>Searching your files</source>
        <translation>正在搜索你的文件</translation>
    </message>
    <message>
        <source>Chunks used (%1)</source>
        <translation>所用片段（%1）</translation>
    </message>
    <message>
        <source>No matching chunks (a store still processing has nothing to search yet)</source>
        <translation>没有匹配的片段（仍在处理的存储库暂时没有可搜索的内容）</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>得分 %1</translation>
    </message>
    <message>
        <source>cited</source>
        <translation>已引用</translation>
    </message>
</context>
<context>
    <name>FileStores</name>
    <message>
        <source>(%1 failed)</source>
        <translation>（%1 个失败）</translation>
    </message>
    <message>
        <source>(%1 processing)</source>
        <translation>（%1 个处理中）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Expires %1 days after its last use</source>
        <translation>最后一次使用后 %1 天过期</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>Processing…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Uploaded files</source>
        <translation>已上传的文件</translation>
    </message>
    <message>
        <source>Vector stores</source>
        <translation>向量存储库</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>FileStoresDialog</name>
    <message>
        <source>Files and vector stores</source>
        <translation>文件和向量存储库</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>上传…</translation>
    </message>
    <message>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <source>Purpose of uploaded files</source>
        <translation>上传文件的用途</translation>
    </message>
    <message>
        <source>Vector store the uploaded files join</source>
        <translation>上传的文件加入的向量存储库</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected files</source>
        <translation>删除所选文件</translation>
    </message>
    <message>
        <source>Add to store</source>
        <translation>加入存储库</translation>
    </message>
    <message>
        <source>Add the selected files to the selected vector store</source>
        <translation>把所选文件加入所选向量存储库</translation>
    </message>
    <message>
        <source>Remove from store</source>
        <translation>移出存储库</translation>
    </message>
    <message>
        <source>Take the selected files out of the selected vector store</source>
        <translation>把所选文件移出所选向量存储库</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the files and stores again</source>
        <translation>重新读取文件和存储库</translation>
    </message>
    <message>
        <source>Files (drop files here to upload)</source>
        <translation>文件（拖放到此处即可上传）</translation>
    </message>
    <message>
        <source>as</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>into</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Name of the new vector store</source>
        <translation>新向量存储库的名称</translation>
    </message>
    <message>
        <source>New store name</source>
        <translation>新存储库名称</translation>
    </message>
    <message>
        <source>Days after last use the store expires; 0 never</source>
        <translation>最后一次使用后多少天过期；0 表示永不过期</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source> days unused</source>
        <translation> 天未使用</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Create the vector store</source>
        <translation>创建向量存储库</translation>
    </message>
    <message>
        <source>Delete store</source>
        <translation>删除存储库</translation>
    </message>
    <message>
        <source>Delete the selected vector store</source>
        <translation>删除所选向量存储库</translation>
    </message>
    <message>
        <source>Vector stores (file search)</source>
        <translation>向量存储库（文件搜索）</translation>
    </message>
    <message>
        <source>Vector storage and its daily cost</source>
        <translation>向量存储用量及每日费用</translation>
    </message>
    <message>
        <source>Files message</source>
        <translation>文件提示</translation>
    </message>
    <message>
        <source>no store</source>
        <translation>不加入存储库</translation>
    </message>
    <message numerus="yes">
        <source>Vector storage: %1 in %n store(s)</source>
        <translation>
            <numerusform>向量存储：%n 个存储库共 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>≈ %1 a day (the first GB is free)</source>
        <translation>每天约 %1（首 GB 免费）</translation>
    </message>
    <message>
        <source>Delete “%1” from the platform? It also leaves every vector store.</source>
        <translation>从平台删除“%1”？它也会从所有向量存储库中移除。</translation>
    </message>
    <message>
        <source>Delete %1 files from the platform? They also leave every vector store.</source>
        <translation>从平台删除 %1 个文件？它们也会从所有向量存储库中移除。</translation>
    </message>
    <message>
        <source>Delete files</source>
        <translation>删除文件</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n file(s).</source>
        <translation>
            <numerusform>已删除 %n 个文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n file(s) to “%1”; it is processing them.</source>
        <translation>
            <numerusform>已把 %n 个文件加入“%1”，正在处理。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n file(s) out of the store.</source>
        <translation>
            <numerusform>已从存储库移出 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Created the vector store “%1”.</source>
        <translation>已创建向量存储库“%1”。</translation>
    </message>
    <message>
        <source>Delete vector store</source>
        <translation>删除向量存储库</translation>
    </message>
    <message>
        <source>Delete the vector store “%1”? Its files stay uploaded; chats that search it will find nothing.</source>
        <translation>删除向量存储库“%1”？其文件仍保留在平台上；搜索它的聊天将找不到任何内容。</translation>
    </message>
    <message>
        <source>Deleted the vector store.</source>
        <translation>已删除向量存储库。</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>(variation)</source>
        <translation>（变体）</translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation>费用未知</translation>
    </message>
    <message>
        <source>%1
%2 · %3×%4 · %5 · %6</source>
        <translation>%1
%2 · %3×%4 · %5 · %6</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Search the gallery by prompt</source>
        <translation>按提示词搜索图库</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>搜索提示词…</translation>
    </message>
    <message>
        <source>Image gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Re-run with the same settings</source>
        <translation>用相同设置重新运行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected images</source>
        <translation>删除所选图像</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>No images match “%1”.</source>
        <translation>没有与“%1”匹配的图片。</translation>
    </message>
</context>
<context>
    <name>HostedCard</name>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>calling…</source>
        <translation>正在调用…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>等待你的操作</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>HostedTools</name>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>The header “%1” of the MCP server “%2” could not be read from the keyring: %3</source>
        <translation>无法从密钥环读取 MCP 服务器“%2”的请求头“%1”：%3</translation>
    </message>
    <message>
        <source>The header “%1” of the MCP server “%2” has no value: set it in Tools ▸ MCP servers.</source>
        <translation>MCP 服务器“%2”的请求头“%1”没有值：请在“工具 ▸ MCP 服务器”中设置。</translation>
    </message>
</context>
<context>
    <name>ImageCard</name>
    <message>
        <source>Image generation</source>
        <translation>图像生成</translation>
    </message>
    <message>
        <source>Generated an image</source>
        <translation>已生成图像</translation>
    </message>
    <message>
        <source>Generating an image (preview %1)</source>
        <translation>正在生成图像（预览 %1）</translation>
    </message>
    <message>
        <source>Generating an image</source>
        <translation>正在生成图像</translation>
    </message>
</context>
<context>
    <name>ImageControls</name>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Number of images</source>
        <translation>图像数量</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <source>Compression (JPEG and WebP)</source>
        <translation>压缩率（JPEG 和 WebP）</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>返回格式</translation>
    </message>
    <message>
        <source>Partial previews</source>
        <translation>过程预览</translation>
    </message>
    <message>
        <source>Drafts streamed while the image is made (0 = none)</source>
        <translation>生成过程中流式返回的草图数（0 = 不返回）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Previews</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <source>Image preview</source>
        <translation>图像预览</translation>
    </message>
</context>
<context>
    <name>ImageTile</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Save failed — retry…</source>
        <translation>保存失败 — 重试…</translation>
    </message>
</context>
<context>
    <name>ImagesTab</name>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Edit with a mask</source>
        <translation>用蒙版编辑</translation>
    </message>
    <message>
        <source>The run is priced from the tokens the server reports.</source>
        <translation>本次运行按服务器报告的 token 计价。</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Image model</source>
        <translation>图像模型</translation>
    </message>
    <message>
        <source>Image prompt</source>
        <translation>图像提示词</translation>
    </message>
    <message>
        <source>Describe the image…</source>
        <translation>描述你想要的图像…</translation>
    </message>
    <message>
        <source>Generate images</source>
        <translation>生成图像</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel image generation</source>
        <translation>取消生成图像</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Image status</source>
        <translation>图像状态</translation>
    </message>
    <message>
        <source>No price known for %1: the price data in use does not list it, so its images are recorded without a cost. “Update prices” in the usage panel may add it.</source>
        <translation>没有 %1 的价格：当前价格数据中没有它，所以其图片记录为无费用。用量面板中的“更新价格”可能会加入它。</translation>
    </message>
    <message>
        <source>Revised prompt</source>
        <translation>修订后的提示词</translation>
    </message>
    <message>
        <source>Images of this run</source>
        <translation>本次生成的图像</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the image to the view</source>
        <translation>使图像适应视图</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Show at actual size</source>
        <translation>按实际大小显示</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save as PNG, JPEG or WebP</source>
        <translation>保存为 PNG、JPEG 或 WebP</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the image to the clipboard</source>
        <translation>将图像复制到剪贴板</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open in the system image viewer</source>
        <translation>用系统图片查看器打开</translation>
    </message>
    <message>
        <source>Send to chat</source>
        <translation>发送到聊天</translation>
    </message>
    <message>
        <source>Attach the image to the chat input</source>
        <translation>将图像附加到聊天输入框</translation>
    </message>
    <message>
        <source>Edit this</source>
        <translation>编辑此图</translation>
    </message>
    <message>
        <source>Edit this image with a mask</source>
        <translation>用蒙版编辑此图像</translation>
    </message>
    <message>
        <source>Result or source image</source>
        <translation>结果或源图像</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Source and mask</source>
        <translation>源图像与蒙版</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Make variations</source>
        <translation>生成变体</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 个字符</translation>
    </message>
    <message>
        <source>Over the model&apos;s limit</source>
        <translation>超出模型上限</translation>
    </message>
    <message>
        <source>No price known for %1 at %2, %3.</source>
        <translation>未知 %1 在 %2、%3 下的价格。</translation>
    </message>
    <message>
        <source>Estimated cost: %1 (%2 × %3)</source>
        <translation>预计费用：%1（%2 × %3）</translation>
    </message>
    <message>
        <source> — “auto” priced as %1 %2</source>
        <translation> — “auto” 按 %1 %2 计价</translation>
    </message>
    <message>
        <source>Prices unavailable: %1</source>
        <translation>价格不可用：%1</translation>
    </message>
    <message>
        <source>The gallery could not be opened: %1</source>
        <translation>无法打开图库：%1</translation>
    </message>
    <message>
        <source>Open or drop an image to %1 first.</source>
        <translation>请先打开或拖入一张图像以%1。</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>vary</source>
        <translation>生成变体</translation>
    </message>
    <message>
        <source>Paint the area to change first: dall-e-2 edits only the painted part.</source>
        <translation>请先涂抹要修改的区域：dall-e-2 只编辑涂抹的部分。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Image %1: waiting</source>
        <translation>图像 %1：等待中</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注意</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) made and saved to the gallery.</source>
        <translation>
            <numerusform>已生成 %n 张图像并保存到图库。</numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Image %1: not made</source>
        <translation>图像 %1：未生成</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Image %1: draft</source>
        <translation>图像 %1：草图</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>图像 %1</translation>
    </message>
    <message>
        <source>Revised prompt: %1</source>
        <translation>修订后的提示词：%1</translation>
    </message>
    <message>
        <source>Image %1: failed</source>
        <translation>图像 %1：失败</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Attached to the chat input.</source>
        <translation>已附加到聊天输入框。</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>JPEG image (*.jpg)</source>
        <translation>JPEG 图像 (*.jpg)</translation>
    </message>
    <message>
        <source>WebP image (*.webp)</source>
        <translation>WebP 图像 (*.webp)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Open mask</source>
        <translation>打开蒙版</translation>
    </message>
    <message>
        <source>%1 cannot be shown here.</source>
        <translation>无法在此显示 %1。</translation>
    </message>
    <message>
        <source>%1: %2×%3</source>
        <translation>%1：%2×%3</translation>
    </message>
    <message>
        <source>Open the image before its mask.</source>
        <translation>请先打开图像，再打开其蒙版。</translation>
    </message>
    <message>
        <source>The mask is %1×%2 but the image is %3×%4; they must be the same size.</source>
        <translation>蒙版为 %1×%2，而图像为 %3×%4；两者尺寸必须相同。</translation>
    </message>
    <message>
        <source>Re-run repeats generations; for edits and variations open the source image again.</source>
        <translation>“重新运行”只重复生成操作；编辑和变体请重新打开源图像。</translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>无法删除：%1</translation>
    </message>
</context>
<context>
    <name>JsonCheck</name>
    <message>
        <source>Structured output check</source>
        <translation>结构化输出检查</translation>
    </message>
    <message>
        <source>Valid JSON, as the format asks</source>
        <translation>有效的 JSON，符合所要求的格式</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>API key — %1</source>
        <translation>API 密钥 — %1</translation>
    </message>
    <message>
        <source>Paste the API key for the profile &lt;b&gt;%1&lt;/b&gt; (%2). It is stored in your system&apos;s keyring, never in a file. &lt;a href=&quot;%3&quot;&gt;Create or find a key&lt;/a&gt;.</source>
        <translation>粘贴配置 &lt;b&gt;%1&lt;/b&gt;（%2）的 API 密钥。密钥保存在系统密钥环中，绝不写入文件。&lt;a href=&quot;%3&quot;&gt;创建或查找密钥&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>Looking for a stored key…</source>
        <translation>正在查找已保存的密钥…</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>密钥状态</translation>
    </message>
    <message>
        <source>Save to keyring</source>
        <translation>保存到密钥环</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>仅在本次会话中使用</translation>
    </message>
    <message>
        <source>The keyring cannot be read: %1</source>
        <translation>无法读取密钥环：%1</translation>
    </message>
    <message>
        <source>A key is already stored for this profile; saving replaces it.</source>
        <translation>此配置已保存了一个密钥；保存将替换它。</translation>
    </message>
    <message>
        <source>No key is stored for this profile yet.</source>
        <translation>此配置尚未保存密钥。</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>请先粘贴密钥。</translation>
    </message>
    <message>
        <source>The key contains spaces or line breaks; paste it again.</source>
        <translation>密钥中含有空格或换行；请重新粘贴。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>The key works with %1.</source>
        <translation>密钥可用于 %1。</translation>
    </message>
    <message>
        <source>The server rejected this key (401): %1</source>
        <translation>服务器拒绝了此密钥（401）：%1</translation>
    </message>
    <message>
        <source>Could not check the key: %1</source>
        <translation>无法检查密钥：%1</translation>
    </message>
    <message>
        <source>The server did not answer within 30 s.</source>
        <translation>服务器在 30 秒内没有响应。</translation>
    </message>
    <message>
        <source>Testing the key before saving…</source>
        <translation>正在保存前测试密钥…</translation>
    </message>
    <message>
        <source>%1 The key was not saved; “Save anyway” stores it untested (e.g. when working offline).</source>
        <translation>%1 密钥未保存；“仍然保存”会不经测试直接保存（例如离线时）。</translation>
    </message>
    <message>
        <source>Saving to the keyring…</source>
        <translation>正在保存到密钥环…</translation>
    </message>
    <message>
        <source>The key could not be saved: %1 %2 You can use it for this session only; it will not be written anywhere.</source>
        <translation>无法保存密钥：%1 %2 你可以仅在本次会话中使用它；它不会被写入任何地方。</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
</context>
<context>
    <name>LibraryFiles</name>
    <message>
        <source>Import prompts</source>
        <translation>导入提示词</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not import %1</source>
        <translation>无法导入 %1</translation>
    </message>
    <message>
        <source>Some prompts already exist</source>
        <translation>部分提示词已存在</translation>
    </message>
    <message>
        <source>%1 already in the library. Add the imported versions to them, or import them as copies?</source>
        <translation>%1 已在库中。要把导入的版本添加到它们中，还是作为副本导入？</translation>
    </message>
    <message>
        <source>Add as new versions</source>
        <translation>添加为新版本</translation>
    </message>
    <message>
        <source>Import as copies</source>
        <translation>作为副本导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported %1 prompt(s) from %2.</source>
        <translation>已从 %2 导入 %1 个提示词。</translation>
    </message>
    <message>
        <source>Export prompts</source>
        <translation>导出提示词</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1 prompt(s) with all versions to %2.</source>
        <translation>已将 %1 个提示词（含所有版本）导出到 %2。</translation>
    </message>
</context>
<context>
    <name>LiveTranscript</name>
    <message>
        <source>Could not save the live transcript %1: %2</source>
        <translation>无法保存实时转写 %1：%2</translation>
    </message>
    <message>
        <source>No live transcript: %1 The recording goes on; transcribe it when you stop.</source>
        <translation>没有实时转写：%1 录音仍在继续；停止后可转写录音文件。</translation>
    </message>
    <message>
        <source>Part of the live transcript is missing: %1</source>
        <translation>实时转写缺少一部分：%1</translation>
    </message>
</context>
<context>
    <name>LogprobView</name>
    <message>
        <source>Tokens with their probabilities</source>
        <translation>Token 及其概率</translation>
    </message>
    <message>
        <source>%1: %2 %</source>
        <translation>%1：%2 %</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Playground tabs</source>
        <translation>功能标签页</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音对话</translation>
    </message>
    <message>
        <source>Problems with this computer&apos;s setup</source>
        <translation>本机环境问题</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Batch runs…</source>
        <translation>批量运行…</translation>
    </message>
    <message>
        <source>Compare models, prompt library, batch runs, tokenizer, local MCP servers</source>
        <translation>比较模型、提示词库、批量运行、分词器、本地 MCP 服务器</translation>
    </message>
    <message>
        <source>Which server and key requests use</source>
        <translation>请求所用的服务器和密钥</translation>
    </message>
    <message>
        <source>Profiles…</source>
        <translation>配置…</translation>
    </message>
    <message>
        <source>API key…</source>
        <translation>API 密钥…</translation>
    </message>
    <message>
        <source>Compare models…</source>
        <translation>比较模型…</translation>
    </message>
    <message>
        <source>Files and vector stores…</source>
        <translation>文件和向量存储库…</translation>
    </message>
    <message>
        <source>Local MCP servers…</source>
        <translation>本地 MCP 服务器…</translation>
    </message>
    <message>
        <source>One prompt over the rows of a CSV or JSONL file, with checks and costs</source>
        <translation>把一个提示词用于 CSV 或 JSONL 文件的每一行，含检查和费用</translation>
    </message>
    <message>
        <source>One prompt to 2–4 models side by side, with speed and cost</source>
        <translation>同一提示词并排发给 2–4 个模型，显示速度和费用</translation>
    </message>
    <message>
        <source>Prompt library…</source>
        <translation>提示词库…</translation>
    </message>
    <message>
        <source>Save conversation as prompt…</source>
        <translation>将对话保存为提示词…</translation>
    </message>
    <message>
        <source>Saved prompts with versions and {{variables}}</source>
        <translation>带版本和 {{variables}} 变量的已保存提示词</translation>
    </message>
    <message>
        <source>See text split into tokens, with their ids</source>
        <translation>查看文本被拆分成的 token 及其 id</translation>
    </message>
    <message>
        <source>The chat&apos;s messages and settings become a prompt in the library</source>
        <translation>聊天的消息和设置保存为库中的提示词</translation>
    </message>
    <message>
        <source>Tokenizer…</source>
        <translation>分词器…</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Tools on this computer the model may call, with your approval</source>
        <translation>模型可在你批准后调用的本机工具</translation>
    </message>
    <message>
        <source>Upload files and keep vector stores for file search</source>
        <translation>上传文件并维护用于文件搜索的向量存储库</translation>
    </message>
    <message>
        <source>Usage…</source>
        <translation>用量…</translation>
    </message>
    <message>
        <source>Budgets &amp;&amp; prices…</source>
        <translation>预算与价格…</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <source>This tab could not start: %1</source>
        <translation>此标签页无法启动：%1</translation>
    </message>
    <message>
        <source>microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>No %1 found: speech and recording need one</source>
        <translation>未找到%1：语音播放和录音需要它</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>No API key is stored for this profile yet.</source>
        <translation>此配置尚未保存 API 密钥。</translation>
    </message>
    <message>
        <source>Keyring unavailable (%1): keys are kept for this session only</source>
        <translation>密钥环不可用（%1）：密钥仅在本次会话中保留</translation>
    </message>
    <message>
        <source>Run “playground --doctor” for what to fix.</source>
        <translation>运行 “playground --doctor” 查看需要修复的问题。</translation>
    </message>
    <message>
        <source>Using profile %1 (%2)</source>
        <translation>正在使用配置 %1（%2）</translation>
    </message>
    <message>
        <source>Note: %1 is set in the environment and overrides the stored key.</source>
        <translation>注意：环境变量 %1 已设置，它会覆盖已保存的密钥。</translation>
    </message>
    <message>
        <source>Key saved to the system keyring.</source>
        <translation>密钥已保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Key kept for this session only; it is not saved.</source>
        <translation>密钥仅在本次会话中保留，未保存。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <source>Mask painting area</source>
        <translation>蒙版绘制区域</translation>
    </message>
    <message>
        <source>Open or drop an image here</source>
        <translation>在此打开或拖入图像</translation>
    </message>
</context>
<context>
    <name>MaskEditor</name>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Open source image</source>
        <translation>打开源图像</translation>
    </message>
    <message>
        <source>Load mask…</source>
        <translation>加载蒙版…</translation>
    </message>
    <message>
        <source>Load a mask image from a file</source>
        <translation>从文件加载蒙版图像</translation>
    </message>
    <message>
        <source>Brush size</source>
        <translation>画笔大小</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Erase painted areas</source>
        <translation>擦除已涂抹的区域</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>清除蒙版</translation>
    </message>
    <message>
        <source>Clear the painted mask</source>
        <translation>清除已绘制的蒙版</translation>
    </message>
    <message>
        <source>Paint over the areas the model should change.</source>
        <translation>涂抹需要模型修改的区域。</translation>
    </message>
    <message>
        <source>Variations are made from the whole image.</source>
        <translation>变体基于整张图像生成。</translation>
    </message>
    <message numerus="yes">
        <source>Brush: %n px</source>
        <translation>
            <numerusform>画笔：%n px</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>McpApprovalCard</name>
    <message>
        <source>MCP approval</source>
        <translation>MCP 批准</translation>
    </message>
    <message>
        <source>Arguments of the call</source>
        <translation>调用参数</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Approve the call</source>
        <translation>批准此调用</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Deny the call</source>
        <translation>拒绝此调用</translation>
    </message>
    <message>
        <source>Call “%1” on the MCP server “%2”?</source>
        <translation>在 MCP 服务器“%2”上调用“%1”？</translation>
    </message>
</context>
<context>
    <name>McpApprovalDialog</name>
    <message>
        <source>Run a local tool?</source>
        <translation>运行本地工具？</translation>
    </message>
    <message>
        <source>The model wants to run the tool “%1” of the MCP server “%2” on this computer, with these arguments:</source>
        <translation>模型想在本机运行 MCP 服务器“%2”的工具“%1”，参数如下：</translation>
    </message>
    <message>
        <source>Arguments of the call</source>
        <translation>调用参数</translation>
    </message>
    <message>
        <source>Always allow “%1” of “%2” without asking</source>
        <translation>始终允许“%2”的“%1”，不再询问</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>始终允许此工具</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the tool</source>
        <translation>运行该工具</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Do not run the tool</source>
        <translation>不运行该工具</translation>
    </message>
</context>
<context>
    <name>McpCard</name>
    <message>
        <source>MCP call</source>
        <translation>MCP 调用</translation>
    </message>
    <message>
        <source>Arguments of the call</source>
        <translation>调用参数</translation>
    </message>
    <message>
        <source>Output of the call</source>
        <translation>调用的输出</translation>
    </message>
    <message>
        <source>%1: %2 tools (%3)</source>
        <translation>%1：%2 个工具（%3）</translation>
    </message>
    <message>
        <source>%1: listing tools</source>
        <translation>%1：正在列出工具</translation>
    </message>
    <message>
        <source>%1 ▸ %2</source>
        <translation>%1 ▸ %2</translation>
    </message>
</context>
<context>
    <name>McpEnvTable</name>
    <message>
        <source>Environment variables</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Variable name</source>
        <translation>变量名</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Variable value</source>
        <translation>变量值</translation>
    </message>
    <message>
        <source>Keep this value in the system keyring</source>
        <translation>将此值保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in the settings file</source>
        <translation>保存在系统密钥环中，绝不写入设置文件</translation>
    </message>
    <message>
        <source>Kept in the keyring; type to replace</source>
        <translation>已保存在密钥环中；输入以替换</translation>
    </message>
</context>
<context>
    <name>McpServers</name>
    <message>
        <source>Could not connect to the MCP server “%1” at %2: nothing answered there. Is the server running?</source>
        <translation>无法连接到位于 %2 的 MCP 服务器“%1”：那里没有响应。服务器在运行吗？</translation>
    </message>
    <message>
        <source>Could not start the MCP server “%1”: the command “%2” was not found. Check the command, or give its full path.</source>
        <translation>无法启动 MCP 服务器“%1”：找不到命令“%2”。请检查命令，或填写其完整路径。</translation>
    </message>
    <message>
        <source>Could not start the MCP server “%1”: “%2” cannot be run (permission denied).</source>
        <translation>无法启动 MCP 服务器“%1”：“%2”无法运行（权限不足）。</translation>
    </message>
    <message>
        <source>The MCP server “%1” at %2 answered HTTP %3. Check the URL (streamable HTTP endpoints usually end in /mcp).</source>
        <translation>位于 %2 的 MCP 服务器“%1”返回了 HTTP %3。请检查 URL（可流式 HTTP 端点通常以 /mcp 结尾）。</translation>
    </message>
    <message>
        <source>The MCP server “%1” could not run “%2”: %3.</source>
        <translation>MCP 服务器“%1”无法运行“%2”：%3。</translation>
    </message>
    <message>
        <source>The MCP server “%1” did not answer within %2 s.</source>
        <translation>MCP 服务器“%1”在 %2 秒内没有响应。</translation>
    </message>
    <message>
        <source>The MCP server “%1” exited before it was ready.</source>
        <translation>MCP 服务器“%1”在就绪前退出了。</translation>
    </message>
    <message>
        <source>The MCP server “%1” exited before it was ready. It said: %2</source>
        <translation>MCP 服务器“%1”在就绪前退出了。它的输出：%2</translation>
    </message>
    <message>
        <source>The MCP server “%1” failed to start: %2.</source>
        <translation>MCP 服务器“%1”启动失败：%2。</translation>
    </message>
    <message>
        <source>The MCP server “%1” is not running. Start it in MCP servers, then try again.</source>
        <translation>MCP 服务器“%1”未运行。请在“MCP 服务器”中启动它，然后重试。</translation>
    </message>
    <message>
        <source>The MCP server “%1” stopped (connection closed).</source>
        <translation>MCP 服务器“%1”已停止（连接已关闭）。</translation>
    </message>
    <message>
        <source>The working folder of “%1” does not exist: %2.</source>
        <translation>“%1”的工作文件夹不存在：%2。</translation>
    </message>
</context>
<context>
    <name>McpServersDialog</name>
    <message>
        <source>MCP servers</source>
        <translation>MCP 服务器</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Local MCP servers</source>
        <translation>本地 MCP 服务器</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the server</source>
        <translation>移除该服务器</translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation>导入 JSON…</translation>
    </message>
    <message>
        <source>Import servers from an mcpServers JSON file</source>
        <translation>从 mcpServers JSON 文件导入服务器</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>How the app reaches the server</source>
        <translation>应用如何连接该服务器</translation>
    </message>
    <message>
        <source>Command (stdio)</source>
        <translation>命令（stdio）</translation>
    </message>
    <message>
        <source>Local URL (streamable HTTP)</source>
        <translation>本地 URL（可流式 HTTP）</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Separated by spaces; quote an argument that has spaces</source>
        <translation>以空格分隔；含空格的参数请加引号</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>工作文件夹</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>添加变量</translation>
    </message>
    <message>
        <source>Add an environment variable</source>
        <translation>添加环境变量</translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation>移除变量</translation>
    </message>
    <message>
        <source>Remove the environment variable</source>
        <translation>移除该环境变量</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the server</source>
        <translation>保存该服务器</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>服务器状态</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start or stop the server</source>
        <translation>启动或停止该服务器</translation>
    </message>
    <message>
        <source>Tools of the server; checked ones run without asking</source>
        <translation>服务器的工具；勾选的无需询问即可运行</translation>
    </message>
    <message>
        <source>Tools (checked: run without asking)</source>
        <translation>工具（勾选：无需询问即运行）</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>MCP servers message</source>
        <translation>MCP 服务器提示</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Running — %1 tools</source>
        <translation>运行中 — %1 个工具</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>“%1” is running with %2 tools.</source>
        <translation>“%1”正在运行，提供 %2 个工具。</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <source>Remove the MCP server “%1”? Its secrets are deleted from the keyring.</source>
        <translation>移除 MCP 服务器“%1”？其机密值会从密钥环中删除。</translation>
    </message>
    <message>
        <source>Import MCP servers</source>
        <translation>导入 MCP 服务器</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>MessageErrorPanel</name>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show the server&apos;s answer</source>
        <translation>显示服务器的原始回答</translation>
    </message>
    <message>
        <source>The server&apos;s answer</source>
        <translation>服务器的原始回答</translation>
    </message>
    <message>
        <source>Retry countdown</source>
        <translation>重试倒计时</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>请求 ID：%1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Show earlier messages</source>
        <translation>显示更早的消息</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>Attached image</source>
        <translation>附加的图像</translation>
    </message>
    <message>
        <source>(image could not be shown)</source>
        <translation>（无法显示图像）</translation>
    </message>
    <message>
        <source>Version %1 of %2 from this message on</source>
        <translation>从这条消息起的第 %1 个版本（共 %2 个）</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate reply</source>
        <translation>重新生成回复</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>Read reply aloud</source>
        <translation>朗读回复</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Function result</source>
        <translation>函数结果</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>开发者</translation>
    </message>
    <message>
        <source>Open in tokenizer</source>
        <translation>在分词器中打开</translation>
    </message>
    <message>
        <source>See this message&apos;s tokens and their ids</source>
        <translation>查看此消息的 token 及其 id</translation>
    </message>
</context>
<context>
    <name>MetricsLine</name>
    <message>
        <source>Reply metrics</source>
        <translation>回复指标</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>首个 token 用时 %1 秒</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Response ID</source>
        <translation>回复 ID</translation>
    </message>
    <message>
        <source>Service tier</source>
        <translation>服务等级</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>输出 token</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>%1 is not a supported model id.</source>
        <translation>%1 不是受支持的模型 ID。</translation>
    </message>
    <message>
        <source>%1 was shut down on %2.</source>
        <translation>%1 已于 %2 停用。</translation>
    </message>
    <message>
        <source>%1 was shut down on %2; choose another model.</source>
        <translation>%1 已于 %2 停用；请选择其他模型。</translation>
    </message>
    <message>
        <source>%1 was shut down on %2; now using %3.</source>
        <translation>%1 已于 %2 停用；现改用 %3。</translation>
    </message>
    <message>
        <source>%1 was shut down on %2; use %3 (another kind of model) instead.</source>
        <translation>%1 已于 %2 停用；请改用 %3（另一类模型）。</translation>
    </message>
    <message>
        <source>Choose %1 instead.</source>
        <translation>请改选 %1。</translation>
    </message>
    <message>
        <source>Choose another model.</source>
        <translation>请选择其他模型。</translation>
    </message>
    <message>
        <source>not a supported model id</source>
        <translation>不是受支持的模型 ID</translation>
    </message>
    <message>
        <source>retired %1</source>
        <translation>已于 %1 停用</translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation>将于 %1 停用</translation>
    </message>
</context>
<context>
    <name>PaneSettings</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
</context>
<context>
    <name>ParamSlider</name>
    <message>
        <source>%1 value</source>
        <translation>%1 的值</translation>
    </message>
    <message>
        <source>server default</source>
        <translation>服务器默认</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation>重置 %1</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>The new language applies after you restart the app.</source>
        <translation>新语言将在重启应用后生效。</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Server preset</source>
        <translation>服务器预设</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Optional, org-…</source>
        <translation>可选，org-…</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Optional, proj_…</source>
        <translation>可选，proj_…</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Optional: http://host:port or socks5://host:port</source>
        <translation>可选：http://主机:端口 或 socks5://主机:端口</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Maximum retries</source>
        <translation>最大重试次数</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>Keys are set per profile with “API key…” and kept in the system keyring. Without a proxy here, HTTPS_PROXY / ALL_PROXY from the environment are used.</source>
        <translation>密钥按配置分别通过“API 密钥…”设置，保存在系统密钥环中。此处未设置代理时，将使用环境变量中的 HTTPS_PROXY / ALL_PROXY。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New profile: fill in a name and the server.</source>
        <translation>新配置：请填写名称和服务器。</translation>
    </message>
    <message>
        <source>The key could not be moved to the new name: %1</source>
        <translation>无法将密钥移到新名称下：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete the profile “%1” and its API key from the keyring?</source>
        <translation>删除配置“%1”，并从系统密钥环中删除它的 API 密钥？</translation>
    </message>
    <message>
        <source>The profile&apos;s key could not be removed from the keyring, so the profile was kept: %1</source>
        <translation>无法从密钥环中删除该配置的密钥，因此保留了该配置：%1</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <source>Prompt editor</source>
        <translation>提示词编辑器</translation>
    </message>
    <message>
        <source>Instructions (system or developer message)</source>
        <translation>指令（系统或开发者消息）</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>You are… Use {{name}} for a variable.</source>
        <translation>你是…… 用 {{name}} 表示变量。</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Add message</source>
        <translation>添加消息</translation>
    </message>
    <message>
        <source>Add a message</source>
        <translation>添加一条消息</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>e.g. gpt-5.4</source>
        <translation>例如 gpt-5.4</translation>
    </message>
    <message>
        <source>Settings (JSON)</source>
        <translation>设置（JSON）</translation>
    </message>
    <message>
        <source>Function tools (JSON)</source>
        <translation>函数工具（JSON）</translation>
    </message>
    <message>
        <source>Response schema (JSON)</source>
        <translation>响应结构（JSON）</translation>
    </message>
    <message>
        <source>empty: no schema</source>
        <translation>留空：不使用结构</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Model &amp;&amp; settings</source>
        <translation>模型与设置</translation>
    </message>
    <message>
        <source>Function tools</source>
        <translation>函数工具</translation>
    </message>
    <message>
        <source>Function tool %1 needs a &quot;name&quot; (each tool is an object with name, description and parameters).</source>
        <translation>函数工具 %1 需要 &quot;name&quot;（每个工具都是包含 name、description 和 parameters 的对象）。</translation>
    </message>
    <message>
        <source>Response schema</source>
        <translation>响应结构</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at line %3, column %4.</source>
        <translation>%1 不是有效的 JSON：第 %3 行第 %4 列，%2。</translation>
    </message>
    <message>
        <source>an object {…}</source>
        <translation>一个对象 {…}</translation>
    </message>
    <message>
        <source>a list […]</source>
        <translation>一个列表 […]</translation>
    </message>
    <message>
        <source>%1 should be %2.</source>
        <translation>%1 应为%2。</translation>
    </message>
</context>
<context>
    <name>PromptLibraryView</name>
    <message>
        <source>Prompt library</source>
        <translation>提示词库</translation>
    </message>
    <message>
        <source>Search prompts</source>
        <translation>搜索提示词</translation>
    </message>
    <message>
        <source>Search names and text…</source>
        <translation>搜索名称和文本…</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>New prompt</source>
        <translation>新建提示词</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import prompts from a JSON file</source>
        <translation>从 JSON 文件导入提示词</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export prompts to a JSON file</source>
        <translation>把提示词导出为 JSON 文件</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this prompt and all its versions</source>
        <translation>删除此提示词及其所有版本</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>与…比较</translation>
    </message>
    <message>
        <source>Compare this version with another</source>
        <translation>将此版本与另一版本比较</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Save this version again as the latest</source>
        <translation>把此版本再次保存为最新版本</translation>
    </message>
    <message>
        <source>Version preview</source>
        <translation>版本预览</translation>
    </message>
    <message>
        <source>Note for the new version</source>
        <translation>新版本的说明</translation>
    </message>
    <message>
        <source>What changed (required)</source>
        <translation>改了什么（必填）</translation>
    </message>
    <message>
        <source>Save new version</source>
        <translation>保存新版本</translation>
    </message>
    <message>
        <source>Save the editor&apos;s content as a new version</source>
        <translation>把编辑器中的内容保存为新版本</translation>
    </message>
    <message>
        <source>Preview or edit</source>
        <translation>预览或编辑</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Use in chat</source>
        <translation>在聊天中使用</translation>
    </message>
    <message>
        <source>Start a chat from this version</source>
        <translation>用此版本开始聊天</translation>
    </message>
    <message>
        <source>Variables this version uses</source>
        <translation>此版本使用的变量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>PromptLibraryWindow</name>
    <message>
        <source>The prompt library is not available</source>
        <translation>提示词库不可用</translation>
    </message>
    <message>
        <source>Its database could not be opened; see the message at startup.</source>
        <translation>无法打开其数据库；请查看启动时的提示。</translation>
    </message>
    <message>
        <source>The prompt library could not be read</source>
        <translation>无法读取提示词库</translation>
    </message>
    <message>
        <source>The versions could not be read</source>
        <translation>无法读取版本</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>变量：%1</translation>
    </message>
    <message>
        <source>Your edits are kept</source>
        <translation>你的编辑已保留</translation>
    </message>
    <message>
        <source>The editor still holds your unsaved changes to v%1. Save them as a new version of that prompt, or discard them.</source>
        <translation>编辑器中仍有你对 v%1 未保存的修改。请将其保存为该提示词的新版本，或放弃修改。</translation>
    </message>
    <message>
        <source>Discard my edits</source>
        <translation>放弃我的编辑</translation>
    </message>
    <message>
        <source>New prompt</source>
        <translation>新建提示词</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Saved v%1.</source>
        <translation>已保存 v%1。</translation>
    </message>
    <message>
        <source>The version was not saved</source>
        <translation>版本未保存</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有需要保存的内容</translation>
    </message>
    <message>
        <source>The content is the same as v%1.</source>
        <translation>内容与 v%1 相同。</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>添加说明</translation>
    </message>
    <message>
        <source>Say in a few words what changed; the note is how you tell versions apart.</source>
        <translation>用几个字说明改了什么；说明是区分各版本的依据。</translation>
    </message>
    <message>
        <source>Could not roll back</source>
        <translation>无法回滚</translation>
    </message>
    <message>
        <source>v%1 is the content of v%2 again.</source>
        <translation>v%1 的内容已恢复为 v%2。</translation>
    </message>
    <message>
        <source>Delete prompt</source>
        <translation>删除提示词</translation>
    </message>
    <message>
        <source>Delete “%1” and all its %2 versions? This cannot be undone; export it first to keep a copy.</source>
        <translation>删除“%1”及其全部 %2 个版本？此操作无法撤销；如需保留副本请先导出。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The prompt was not deleted</source>
        <translation>提示词未删除</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的编辑</translation>
    </message>
    <message>
        <source>The editor holds changes that are not saved as a version. Close and lose them?</source>
        <translation>编辑器中有尚未保存为版本的修改。关闭并丢弃它们吗？</translation>
    </message>
    <message>
        <source>Discard and close</source>
        <translation>放弃并关闭</translation>
    </message>
</context>
<context>
    <name>PromptNameDialog</name>
    <message>
        <source>Save as prompt</source>
        <translation>保存为提示词</translation>
    </message>
    <message>
        <source>Name the prompt</source>
        <translation>为提示词命名</translation>
    </message>
    <message>
        <source>Prompt name</source>
        <translation>提示词名称</translation>
    </message>
    <message>
        <source>Note for this version</source>
        <translation>此版本的说明</translation>
    </message>
    <message>
        <source>What this version is for</source>
        <translation>此版本的用途</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>变量：%1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the prompt</source>
        <translation>保存提示词</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Give the prompt a name</source>
        <translation>请为提示词命名</translation>
    </message>
    <message>
        <source>The name is how you find it in the library.</source>
        <translation>在库中靠名称找到它。</translation>
    </message>
    <message>
        <source>“%1” already exists</source>
        <translation>“%1”已存在</translation>
    </message>
    <message>
        <source>Choose another name, or keep this as version %1 of that prompt.</source>
        <translation>请换一个名称，或将其保存为该提示词的第 %1 版。</translation>
    </message>
    <message>
        <source>Add as version %1</source>
        <translation>添加为第 %1 版</translation>
    </message>
    <message>
        <source>The prompt was not saved</source>
        <translation>提示词未保存</translation>
    </message>
</context>
<context>
    <name>PromptSave</name>
    <message>
        <source>Prompt library</source>
        <translation>提示词库</translation>
    </message>
    <message>
        <source>Save conversation as prompt</source>
        <translation>将对话保存为提示词</translation>
    </message>
    <message>
        <source>Saved from a conversation</source>
        <translation>从对话保存</translation>
    </message>
    <message>
        <source>The prompt library could not be opened, so nothing can be saved to it in this session.</source>
        <translation>无法打开提示词库，本次会话中无法向其保存内容。</translation>
    </message>
</context>
<context>
    <name>RemoteMcpDialog</name>
    <message>
        <source>Remote MCP servers</source>
        <translation>远程 MCP 服务器</translation>
    </message>
    <message>
        <source>Server label</source>
        <translation>服务器标签</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <source>Allowed tools</source>
        <translation>允许的工具</translation>
    </message>
    <message>
        <source>All tools (or names, separated by commas)</source>
        <translation>所有工具（或以逗号分隔的名称）</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Ask before each call</source>
        <translation>每次调用前询问</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>从不询问</translation>
    </message>
    <message>
        <source>Secret header name</source>
        <translation>机密请求头名称</translation>
    </message>
    <message>
        <source>Secret header value</source>
        <translation>机密请求头的值</translation>
    </message>
    <message>
        <source>Kept in the system keyring</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add or update the server</source>
        <translation>添加或更新该服务器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected server</source>
        <translation>移除所选服务器</translation>
    </message>
    <message>
        <source>Local servers…</source>
        <translation>本地服务器…</translation>
    </message>
    <message>
        <source>Local MCP servers</source>
        <translation>本地 MCP 服务器</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Secret header</source>
        <translation>机密请求头</translation>
    </message>
    <message>
        <source>Header value</source>
        <translation>请求头的值</translation>
    </message>
    <message>
        <source>OpenAI calls these servers for the model (Responses API only). Header values are stored in the system keyring, never in settings.</source>
        <translation>OpenAI 代表模型调用这些服务器（仅限 Responses API）。请求头的值保存在系统密钥环中，绝不写入设置。</translation>
    </message>
    <message>
        <source>asks</source>
        <translation>询问</translation>
    </message>
    <message>
        <source>never asks</source>
        <translation>从不询问</translation>
    </message>
    <message>
        <source>Unchanged (kept in the keyring)</source>
        <translation>未更改（保存在密钥环中）</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>A label is 1–64 letters, digits, “-” or “_” (it names the server to the model).</source>
        <translation>标签由 1–64 个字母、数字、“-”或“_”组成（模型用它称呼该服务器）。</translation>
    </message>
    <message>
        <source>OpenAI reaches the server over the internet: the URL must start with https://.</source>
        <translation>OpenAI 通过互联网访问该服务器：URL 必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>“%1” is not a header name (letters, digits and “-”).</source>
        <translation>“%1”不是有效的请求头名称（字母、数字和“-”）。</translation>
    </message>
    <message>
        <source>Another server is already labelled “%1”.</source>
        <translation>已有其他服务器使用标签“%1”。</translation>
    </message>
    <message>
        <source>The header value could not be stored: %1 %2</source>
        <translation>无法保存请求头的值：%1 %2</translation>
    </message>
</context>
<context>
    <name>RequestChecks</name>
    <message>
        <source>%1 is not a valid JSON Schema at %2: %3</source>
        <translation>%1 在 %2 处不是有效的 JSON Schema：%3</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 (line %3, column %4).</source>
        <translation>%1 不是有效的 JSON：%2（第 %3 行，第 %4 列）。</translation>
    </message>
    <message>
        <source>%1 must be a JSON object.</source>
        <translation>%1 必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Function %1 must be a JSON object.</source>
        <translation>第 %1 个函数必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Function %1 needs a &quot;name&quot; of 1-64 letters, digits, _ or -.</source>
        <translation>第 %1 个函数需要一个由 1-64 个字母、数字、_ 或 - 组成的 &quot;name&quot;。</translation>
    </message>
    <message>
        <source>Strict mode needs &quot;additionalProperties&quot;: false at %1.</source>
        <translation>严格模式要求在 %1 处设置 &quot;additionalProperties&quot;: false。</translation>
    </message>
    <message>
        <source>Strict mode needs every property in &quot;required&quot;; missing at %1: %2.</source>
        <translation>严格模式要求所有属性都列在 &quot;required&quot; 中；%1 处缺少：%2。</translation>
    </message>
    <message>
        <source>The function definitions</source>
        <translation>函数定义</translation>
    </message>
    <message>
        <source>The parameters of %1</source>
        <translation>%1 的参数</translation>
    </message>
    <message>
        <source>The reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>The reply does not match the schema at %1: %2</source>
        <translation>回复在 %1 处不符合 schema：%2</translation>
    </message>
    <message>
        <source>The reply was cut at the token limit, so its JSON is incomplete.</source>
        <translation>回复在达到 token 上限时被截断，其 JSON 不完整。</translation>
    </message>
    <message>
        <source>The result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The schema</source>
        <translation>schema</translation>
    </message>
    <message>
        <source>Two functions share a name.</source>
        <translation>有两个函数同名。</translation>
    </message>
    <message>
        <source>Type the function&apos;s result first (text or JSON).</source>
        <translation>请先输入函数的结果（文本或 JSON）。</translation>
    </message>
    <message>
        <source>Write a JSON schema for the reply first.</source>
        <translation>请先为回复编写 JSON schema。</translation>
    </message>
</context>
<context>
    <name>RequestOptions</name>
    <message>
        <source>Model default</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <source>Automatic uses the Responses API, and Chat Completions on servers without it</source>
        <translation>自动：使用 Responses API；服务器不支持时改用 Chat Completions</translation>
    </message>
    <message>
        <source>Reasoning summary</source>
        <translation>推理摘要</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Concise</source>
        <translation>简洁</translation>
    </message>
    <message>
        <source>Detailed</source>
        <translation>详细</translation>
    </message>
    <message>
        <source>Verbosity</source>
        <translation>详略程度</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>回复格式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>JSON 对象</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON schema</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <source>Strict schema</source>
        <translation>严格 schema</translation>
    </message>
    <message>
        <source>JSON schema of the reply</source>
        <translation>回复的 JSON schema</translation>
    </message>
    <message>
        <source>A JSON Schema the reply must follow</source>
        <translation>回复必须遵循的 JSON Schema</translation>
    </message>
    <message>
        <source>Function definitions</source>
        <translation>函数定义</translation>
    </message>
    <message>
        <source>[{&quot;name&quot;: …, &quot;description&quot;: …, &quot;parameters&quot;: {…}}]</source>
        <translation>[{&quot;name&quot;: …, &quot;description&quot;: …, &quot;parameters&quot;: {…}}]</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Function and schema templates</source>
        <translation>函数和 schema 模板</translation>
    </message>
    <message>
        <source>Function: %1</source>
        <translation>函数：%1</translation>
    </message>
    <message>
        <source>Schema: answer with confidence</source>
        <translation>Schema：回答加置信度</translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation>工具选择</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必须调用</translation>
    </message>
    <message>
        <source>Parallel calls</source>
        <translation>并行调用</translation>
    </message>
    <message>
        <source>Parallel tool calls</source>
        <translation>并行工具调用</translation>
    </message>
    <message>
        <source>Log probabilities</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <source>Alternatives per token</source>
        <translation>每个 token 的候选数</translation>
    </message>
    <message>
        <source>Choices (n)</source>
        <translation>候选回复数 (n)</translation>
    </message>
    <message>
        <source>Several replies side by side (Chat Completions)</source>
        <translation>并排显示多个回复（Chat Completions）</translation>
    </message>
    <message>
        <source>Conversation state</source>
        <translation>对话状态</translation>
    </message>
    <message>
        <source>Send the whole conversation</source>
        <translation>发送整个对话</translation>
    </message>
    <message>
        <source>Continue the stored response</source>
        <translation>接续已存储的回复</translation>
    </message>
    <message>
        <source>Whole conversation: every request carries all messages (more input tokens; nothing is kept by the server). Stored response: OpenAI keeps the conversation (store=true, 30 days) and each request sends only the new message — cached input is cheaper, but the text stays on OpenAI&apos;s servers.</source>
        <translation>整个对话：每次请求都携带所有消息（输入 token 更多；服务器不保留任何内容）。已存储的回复：OpenAI 保存对话（store=true，30 天），每次请求只发送新消息——缓存的输入更便宜，但文本会留在 OpenAI 的服务器上。</translation>
    </message>
    <message>
        <source>Run in the background</source>
        <translation>在后台运行</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>候选数</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Long runs</source>
        <translation>长时间运行</translation>
    </message>
    <message>
        <source>For slow models (-pro, deep research): the request is submitted and the app asks for the result every few seconds, instead of holding a connection open for many minutes. Stop cancels the run on the server; if the app is closed, the reply is fetched when the conversation is opened again. OpenAI keeps the response (store=true). Responses API only: Automatic uses it on OpenAI&apos;s server, other servers answer through Chat Completions, which has no background mode.</source>
        <translation>适用于较慢的模型（-pro、深度研究）：请求提交后，应用每隔几秒查询一次结果，而不是把连接保持很多分钟。“停止”会在服务器上取消该运行；如果关闭了应用，再次打开该对话时会取回回复。OpenAI 会保存该响应（store=true）。仅限 Responses API：“自动”在 OpenAI 的服务器上使用它，其他服务器通过不支持后台模式的 Chat Completions 回答。</translation>
    </message>
    <message>
        <source>Background mode exists only on the Responses API; Chat Completions streams the reply as usual.</source>
        <translation>后台模式仅存在于 Responses API；Chat Completions 照常流式返回回复。</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>调用 %1</translation>
    </message>
</context>
<context>
    <name>RetirementNotice</name>
    <message>
        <source>%1 shut down on %2</source>
        <translation>%1 已于 %2 停用</translation>
    </message>
    <message>
        <source>%1 will shut down on %2</source>
        <translation>%1 将于 %2 停用</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <source>Retirement notice</source>
        <translation>停用提示</translation>
    </message>
    <message>
        <source>Translation to English (/audio/translations) shut down on %1</source>
        <translation>英文翻译（/audio/translations）已于 %1 停用</translation>
    </message>
    <message>
        <source>Translation to English (/audio/translations) will shut down on %1</source>
        <translation>英文翻译（/audio/translations）将于 %1 停用</translation>
    </message>
    <message>
        <source>after that, use %1 through the Realtime API.</source>
        <translation>之后请通过 Realtime API 使用 %1。</translation>
    </message>
    <message>
        <source>after that, use %1.</source>
        <translation>之后请使用 %1。</translation>
    </message>
    <message>
        <source>transcribe with %1 and translate in the chat instead.</source>
        <translation>请改用 %1 转写，再在聊天中翻译。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Colour theme</source>
        <translation>颜色主题</translation>
    </message>
    <message>
        <source>Drafts streamed while a GPT image model works (0 = wait for the finished image)</source>
        <translation>GPT 图像模型生成时流式返回的草图数（0 = 等待最终图像）</translation>
    </message>
    <message>
        <source>Format of saved speech files</source>
        <translation>语音文件的保存格式</translation>
    </message>
    <message>
        <source>Interface language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <source>Microphone for recordings</source>
        <translation>录音用的麦克风</translation>
    </message>
    <message>
        <source>Speaker for previews</source>
        <translation>预览用的扬声器</translation>
    </message>
    <message>
        <source>Speaker for speech</source>
        <translation>语音播放用的扬声器</translation>
    </message>
    <message>
        <source>Send with Enter (Shift+Enter for a new line); Ctrl+Enter always sends</source>
        <translation>按 Enter 发送（Shift+Enter 换行）；Ctrl+Enter 始终发送</translation>
    </message>
    <message>
        <source>Split text over 4,096 characters at sentence ends and speak it as one clip</source>
        <translation>将超过 4,096 个字符的文本在句末拆分，合成为一个片段朗读</translation>
    </message>
    <message>
        <source>Spoken language as an ISO-639-1 code (empty: detect)</source>
        <translation>语音的语言，ISO-639-1 代码（留空：自动检测）</translation>
    </message>
</context>
<context>
    <name>SourcesLine</name>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>all %1 sources…</source>
        <translation>全部 %1 个来源…</translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation>来源：%1</translation>
    </message>
</context>
<context>
    <name>SpeechJob</name>
    <message>
        <source>%1 The clip will still be saved.</source>
        <translation>%1 音频片段仍会保存。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Part %1 of %2…</source>
        <translation>第 %1 部分，共 %2 部分…</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The clip could not be kept: %1</source>
        <translation>无法保存音频片段：%1</translation>
    </message>
    <message>
        <source>The text has %1 characters; one request takes at most %2. Turn on “Split long text” or shorten it.</source>
        <translation>文本有 %1 个字符；一次请求最多 %2 个。请开启“拆分长文本”或缩短文本。</translation>
    </message>
    <message>
        <source>There is no text to speak. Type something first.</source>
        <translation>没有要朗读的文本。请先输入内容。</translation>
    </message>
</context>
<context>
    <name>SpeechTab</name>
    <message>
        <source>Speech</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Text to speak</source>
        <translation>要朗读的文本</translation>
    </message>
    <message>
        <source>Type or paste the text to speak…</source>
        <translation>输入或粘贴要朗读的文本…</translation>
    </message>
    <message>
        <source>Character count</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>语音模型</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <source>Save format</source>
        <translation>保存格式</translation>
    </message>
    <message>
        <source>Output device</source>
        <translation>输出设备</translation>
    </message>
    <message>
        <source>Voice instructions</source>
        <translation>语音指令</translation>
    </message>
    <message>
        <source>e.g. Speak calmly, like a narrator</source>
        <translation>例如：像旁白一样平静地讲述</translation>
    </message>
    <message>
        <source>Split long text at sentence ends</source>
        <translation>在句末拆分长文本</translation>
    </message>
    <message>
        <source>Split long text</source>
        <translation>拆分长文本</translation>
    </message>
    <message>
        <source>Speak</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop speech</source>
        <translation>停止朗读</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>重播</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save audio</source>
        <translation>保存音频</translation>
    </message>
    <message>
        <source>Playback time</source>
        <translation>播放时间</translation>
    </message>
    <message>
        <source>Speech status</source>
        <translation>语音状态</translation>
    </message>
    <message>
        <source>Generated clips</source>
        <translation>已生成的片段</translation>
    </message>
    <message>
        <source>Delete clip</source>
        <translation>删除片段</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>%1 ignores speed; describe the pace in the instructions.</source>
        <translation>%1 不支持调节语速；请在指令中描述语速。</translation>
    </message>
    <message>
        <source>Only gpt-4o-mini-tts follows instructions.</source>
        <translation>只有 gpt-4o-mini-tts 会遵循指令。</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 个字符</translation>
    </message>
    <message>
        <source>spoken in %1 parts as one clip</source>
        <translation>分 %1 段朗读，合成为一个片段</translation>
    </message>
    <message>
        <source>too long: turn on splitting or shorten the text</source>
        <translation>过长：请开启拆分或缩短文本</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>正在朗读…</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>Save speech</source>
        <translation>保存语音</translation>
    </message>
    <message>
        <source>MP3 (*.mp3)</source>
        <translation>MP3 (*.mp3)</translation>
    </message>
    <message>
        <source>Opus (*.opus)</source>
        <translation>Opus (*.opus)</translation>
    </message>
    <message>
        <source>FLAC (*.flac)</source>
        <translation>FLAC (*.flac)</translation>
    </message>
    <message>
        <source>WAV (*.wav)</source>
        <translation>WAV (*.wav)</translation>
    </message>
    <message>
        <source>Raw PCM, 24 kHz 16-bit mono (*.pcm)</source>
        <translation>原始 PCM，24 kHz 16 位单声道 (*.pcm)</translation>
    </message>
</context>
<context>
    <name>StreamText</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
</context>
<context>
    <name>TabMessage</name>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show the full error</source>
        <translation>显示完整错误</translation>
    </message>
    <message>
        <source>The full error</source>
        <translation>完整错误</translation>
    </message>
    <message>
        <source>(request %1)</source>
        <translation>（请求 %1）</translation>
    </message>
</context>
<context>
    <name>TabProfilePicker</name>
    <message>
        <source>Profile of this tab</source>
        <translation>此标签页的配置</translation>
    </message>
    <message>
        <source>The server and key this tab uses; the window&apos;s profile unless you choose another</source>
        <translation>此标签页使用的服务器和密钥；除非另选，否则使用窗口的配置</translation>
    </message>
    <message>
        <source>Window&apos;s profile (%1)</source>
        <translation>窗口的配置（%1）</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add message</source>
        <translation>添加消息</translation>
    </message>
    <message>
        <source>Add a message</source>
        <translation>添加一条消息</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>变量：%1</translation>
    </message>
    <message>
        <source>No {{variables}} yet.</source>
        <translation>尚无 {{variables}} 变量。</translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message>
        <source>Thinking</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Show or hide the reasoning summary</source>
        <translation>显示或隐藏推理摘要</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>Bytes %1–%2: %3</source>
        <translation>字节 %1–%2：%3</translation>
    </message>
    <message>
        <source>These tokens split one character, so they are shown together.</source>
        <translation>这些 token 拆分了同一个字符，因此合并显示。</translation>
    </message>
    <message>
        <source>Token id %1</source>
        <translation>Token id %1</translation>
    </message>
    <message>
        <source>Token ids %1</source>
        <translation>Token id %1</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
</context>
<context>
    <name>TokenizerView</name>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>o200k_base (GPT-4o and newer)</source>
        <translation>o200k_base（GPT-4o 及更新）</translation>
    </message>
    <message>
        <source>cl100k_base (GPT-4, GPT-3.5)</source>
        <translation>cl100k_base（GPT-4、GPT-3.5）</translation>
    </message>
    <message>
        <source>What the input holds</source>
        <translation>输入内容的类型</translation>
    </message>
    <message>
        <source>Text → tokens</source>
        <translation>文本 → token</translation>
    </message>
    <message>
        <source>Token ids → text</source>
        <translation>Token id → 文本</translation>
    </message>
    <message>
        <source>Show token ids</source>
        <translation>显示 token id</translation>
    </message>
    <message>
        <source>Show token ids instead of text</source>
        <translation>显示 token id 而非文本</translation>
    </message>
    <message>
        <source>Text to tokenize</source>
        <translation>要分词的文本</translation>
    </message>
    <message>
        <source>Paste or type text to see its tokens</source>
        <translation>粘贴或输入文本以查看其 token</translation>
    </message>
    <message>
        <source>Token and character counts</source>
        <translation>Token 数和字符数</translation>
    </message>
    <message>
        <source>Paste token ids, e.g. [13225, 2375] or 13225 2375</source>
        <translation>粘贴 token id，例如 [13225, 2375] 或 13225 2375</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>The %1 vocabulary could not be loaded.</source>
        <translation>无法加载 %1 词表。</translation>
    </message>
    <message>
        <source>“%1” is not a token id: ids are whole numbers, such as 9906.</source>
        <translation>“%1”不是 token id：id 是整数，例如 9906。</translation>
    </message>
    <message>
        <source>%1 is not a token id in %2: its ids run from 0 to %3.</source>
        <translation>%1 不是 %2 中的 token id：其 id 范围为 0 到 %3。</translation>
    </message>
    <message>
        <source>Tokens: %1    Characters: %2</source>
        <translation>Token：%1    字符：%2</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 tokens.</source>
        <translation>显示 %2 个 token 中的前 %1 个。</translation>
    </message>
</context>
<context>
    <name>TokensSection</name>
    <message>
        <source>Tokens (%1)</source>
        <translation>Token（%1）</translation>
    </message>
    <message>
        <source>Show the reply&apos;s tokens and probabilities</source>
        <translation>显示回复的 token 及其概率</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Colour tokens by probability</source>
        <translation>按概率为 token 着色</translation>
    </message>
</context>
<context>
    <name>ToolCallCard</name>
    <message>
        <source>Function call %1</source>
        <translation>函数调用 %1</translation>
    </message>
    <message>
        <source>Calls %1</source>
        <translation>调用 %1</translation>
    </message>
    <message>
        <source>Result of %1</source>
        <translation>%1 的结果</translation>
    </message>
    <message>
        <source>The function&apos;s result (text or JSON)</source>
        <translation>函数的结果（文本或 JSON）</translation>
    </message>
    <message>
        <source>Send result</source>
        <translation>发送结果</translation>
    </message>
    <message>
        <source>Send the result to the model</source>
        <translation>把结果发送给模型</translation>
    </message>
</context>
<context>
    <name>ToolsButton</name>
    <message>
        <source>Built-in tools</source>
        <translation>内置工具</translation>
    </message>
    <message>
        <source>Web search</source>
        <translation>网页搜索</translation>
    </message>
    <message>
        <source>Search the web and cite the sources</source>
        <translation>搜索网页并引用来源</translation>
    </message>
    <message>
        <source>Code interpreter</source>
        <translation>代码解释器</translation>
    </message>
    <message>
        <source>Run Python in a sandbox OpenAI hosts (billed per session)</source>
        <translation>在 OpenAI 托管的沙箱中运行 Python（按会话计费）</translation>
    </message>
    <message>
        <source>Image generation</source>
        <translation>图像生成</translation>
    </message>
    <message>
        <source>Let the model make images in the reply</source>
        <translation>允许模型在回复中生成图像</translation>
    </message>
    <message>
        <source>File search…</source>
        <translation>文件搜索…</translation>
    </message>
    <message>
        <source>Search your vector stores and cite the files</source>
        <translation>搜索你的向量存储库并引用文件</translation>
    </message>
    <message>
        <source>Search context</source>
        <translation>搜索上下文</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Search location…</source>
        <translation>搜索位置…</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Image quality</source>
        <translation>图像质量</translation>
    </message>
    <message>
        <source>Image previews</source>
        <translation>图像预览</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>MCP 服务器…</translation>
    </message>
    <message>
        <source>File search (%1 stores)…</source>
        <translation>文件搜索（%1 个存储库）…</translation>
    </message>
    <message>
        <source>Tools (%1)</source>
        <translation>工具（%1）</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>MCP servers (%1)…</source>
        <translation>MCP 服务器（%1）…</translation>
    </message>
    <message>
        <source>Built-in tools need the Responses API: choose Automatic or Responses under Reply ▸ API.</source>
        <translation>内置工具需要 Responses API：请在“回复 ▸ API”中选择“自动”或 Responses。</translation>
    </message>
    <message>
        <source>%1 cannot use built-in tools: they need a model the Responses API serves.</source>
        <translation>%1 无法使用内置工具：需要 Responses API 提供的模型。</translation>
    </message>
    <message>
        <source>Web search, code interpreter, image generation and remote MCP servers, run by OpenAI</source>
        <translation>网页搜索、代码解释器、图像生成和远程 MCP 服务器，由 OpenAI 运行</translation>
    </message>
    <message>
        <source>Search location</source>
        <translation>搜索位置</translation>
    </message>
    <message>
        <source>Where results should be local to, as “country code, city, region, timezone” (all optional; empty: not sent):</source>
        <translation>结果应偏向的地区，格式为“国家代码, 城市, 地区, 时区”（均可选；留空则不发送）：</translation>
    </message>
</context>
<context>
    <name>TranscriptionJob</name>
    <message>
        <source>%1 cannot be previewed here, but it can be transcribed.</source>
        <translation>%1 无法在此预览，但可以转写。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Done: %1 of audio</source>
        <translation>完成：%1 的音频</translation>
    </message>
    <message>
        <source>Preparing the upload…</source>
        <translation>正在准备上传…</translation>
    </message>
    <message>
        <source>Record something or open an audio file first.</source>
        <translation>请先录音或打开一个音频文件。</translation>
    </message>
    <message>
        <source>Recording to %1…</source>
        <translation>正在录音到 %1…</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Transcribing part %1 of %2…</source>
        <translation>正在转写第 %1 部分，共 %2 部分…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>正在转写…</translation>
    </message>
    <message>
        <source>Waiting for the last words…</source>
        <translation>正在等待最后几个词…</translation>
    </message>
    <message>
        <source>in %1 parts</source>
        <translation>分 %1 部分</translation>
    </message>
</context>
<context>
    <name>TranscriptionTab</name>
    <message>
        <source>Transcription</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause recording</source>
        <translation>暂停录音</translation>
    </message>
    <message>
        <source>Open audio file…</source>
        <translation>打开音频文件…</translation>
    </message>
    <message>
        <source>Open audio file</source>
        <translation>打开音频文件</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the audio</source>
        <translation>播放音频</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Record, open or drop an audio file.</source>
        <translation>录音、打开或拖入音频文件。</translation>
    </message>
    <message>
        <source>Audio to transcribe</source>
        <translation>要转录的音频</translation>
    </message>
    <message>
        <source>Transcription model</source>
        <translation>转录模型</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻译为英文</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>auto-detect (or e.g. en, zh, de)</source>
        <translation>自动检测（或填写如 en、zh、de）</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Names, terms or style to follow</source>
        <translation>需要遵循的人名、术语或风格</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>返回格式</translation>
    </message>
    <message>
        <source>Word timestamps</source>
        <translation>逐词时间戳</translation>
    </message>
    <message>
        <source>Segment timestamps</source>
        <translation>分段时间戳</translation>
    </message>
    <message>
        <source>%1 does not take a prompt.</source>
        <translation>%1 不接受提示词。</translation>
    </message>
    <message>
        <source>A Realtime transcription model: words appear as they are spoken. The recording can still be transcribed from its file afterwards.</source>
        <translation>Realtime 转写模型：边说边出字。录音结束后仍可用文件再转写一次。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel transcription</source>
        <translation>取消转录</translation>
    </message>
    <message>
        <source>Choose a voice sample for each known speaker</source>
        <translation>为每位已知说话人选择一段语音样本</translation>
    </message>
    <message>
        <source>Known speakers</source>
        <translation>已知说话人</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>实时转写</translation>
    </message>
    <message>
        <source>Live transcript model</source>
        <translation>实时转写模型</translation>
    </message>
    <message>
        <source>One 2–10 second recording per name, in the same order.</source>
        <translation>每个名字一段 2–10 秒的录音，顺序相同。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Show the words while recording</source>
        <translation>录音时显示文字</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>The words appear here while you record.</source>
        <translation>录音时文字会显示在这里。</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>转录文本</translation>
    </message>
    <message>
        <source>The transcript appears here.</source>
        <translation>转录结果将显示在这里。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>复制转录文本</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save transcript</source>
        <translation>保存转录文本</translation>
    </message>
    <message>
        <source>Send to chat</source>
        <translation>发送到聊天</translation>
    </message>
    <message>
        <source>Send transcript to chat</source>
        <translation>将转录文本发送到聊天</translation>
    </message>
    <message>
        <source>Transcription status</source>
        <translation>转录状态</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Needs whisper-1 with the verbose_json format.</source>
        <translation>需要 whisper-1 并使用 verbose_json 格式。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Recorded %1 to %2.</source>
        <translation>已录制 %1，保存到 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n moment(s) dropped (the computer was busy).</source>
        <translation>
            <numerusform>丢失了 %n 处片段（电脑当时太忙）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Live transcript saved as %1.</source>
        <translation>实时转写已保存为 %1。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Open audio</source>
        <translation>打开音频</translation>
    </message>
    <message>
        <source>Audio (%1);;All files (*)</source>
        <translation>音频 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing selected: %1 could not be opened.</source>
        <translation>未选择任何文件：无法打开 %1。</translation>
    </message>
    <message>
        <source>Voice samples</source>
        <translation>语音样本</translation>
    </message>
    <message>
        <source>Voice samples, one per known speaker</source>
        <translation>语音样本，每位已知说话人一段</translation>
    </message>
    <message>
        <source>Voice samples…</source>
        <translation>语音样本…</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>无样本</translation>
    </message>
    <message>
        <source>optional: names, comma-separated (up to 4)</source>
        <translation>可选：名字，以逗号分隔（最多 4 个）</translation>
    </message>
    <message>
        <source>shut down %1</source>
        <translation>已于 %1 停用</translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation>将于 %1 停用</translation>
    </message>
    <message>
        <source>transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>unknown length</source>
        <translation>时长未知</translation>
    </message>
    <message>
        <source>%1 — %2, %3 MB</source>
        <translation>%1 — %2，%3 MB</translation>
    </message>
    <message>
        <source>Compressing for upload</source>
        <translation>正在压缩以便上传</translation>
    </message>
    <message>
        <source>Splitting at pauses</source>
        <translation>正在按停顿拆分</translation>
    </message>
    <message>
        <source>Part %1 of %2</source>
        <translation>第 %1 段，共 %2 段</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <source>SubRip subtitles (*.srt)</source>
        <translation>SubRip 字幕 (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>WebVTT 字幕 (*.vtt)</translation>
    </message>
</context>
<context>
    <name>UploadRow</name>
    <message>
        <source>Upload of %1</source>
        <translation>%1 的上传</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the upload of %1</source>
        <translation>取消 %1 的上传</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>UsagePanel</name>
    <message>
        <source>no price</source>
        <translation>无价格</translation>
    </message>
    <message>
        <source>Usage and cost</source>
        <translation>用量与费用</translation>
    </message>
    <message>
        <source>Counted by the server (responses.input_tokens.count).</source>
        <translation>由服务器计数（responses.input_tokens.count）。</translation>
    </message>
    <message numerus="yes">
        <source>%n without price</source>
        <translation>
            <numerusform>%n 个无价格</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated</source>
        <translation>
            <numerusform>%n 个为估算</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s), </source>
        <translation>
            <numerusform>%n 个请求，</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Under 10% of the %1 limit left</source>
        <translation>%1 限额剩余不足 10%</translation>
    </message>
    <message>
        <source>cannot count: %1</source>
        <translation>无法计数：%1</translation>
    </message>
    <message>
        <source>Prices: %1 for tokens; images and audio from the table of %2</source>
        <translation>价格：token 按 %1；图像和音频按 %2 的价格表</translation>
    </message>
    <message>
        <source>%1 in messages, %2 in tools, %3 in images</source>
        <translation>消息 %1，工具 %2，图像 %3</translation>
    </message>
    <message>
        <source>Unknown model: counted with %1, the closest family.</source>
        <translation>未知模型：按最接近的系列 %1 计数。</translation>
    </message>
    <message>
        <source>An image&apos;s size is unknown: 1024×1024 assumed.</source>
        <translation>某张图像尺寸未知：按 1024×1024 计算。</translation>
    </message>
    <message>
        <source>%1 / unknown</source>
        <translation>%1 / 未知</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <source>The prompt plus %1 output tokens (the max tokens)</source>
        <translation>提示词加上 %1 个输出 token（最大 token 数）</translation>
    </message>
    <message>
        <source>Next request</source>
        <translation>下一次请求</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Prompt tokens of the draft</source>
        <translation>草稿的提示词 token 数</translation>
    </message>
    <message>
        <source>Context window used</source>
        <translation>已用上下文窗口</translation>
    </message>
    <message>
        <source>Prompt tokens of the model&apos;s context window</source>
        <translation>提示词 token 占模型上下文窗口的比例</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Estimated cost of the next request</source>
        <translation>下一次请求的预计费用</translation>
    </message>
    <message>
        <source>Last request</source>
        <translation>上一次请求</translation>
    </message>
    <message>
        <source>Prompt tokens of the last request</source>
        <translation>上一次请求的提示词 token 数</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <source>Completion tokens of the last request</source>
        <translation>上一次请求的补全 token 数</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>Cached prompt tokens of the last request</source>
        <translation>上一次请求中命中缓存的提示词 token 数</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Reasoning tokens of the last request</source>
        <translation>上一次请求的推理 token 数</translation>
    </message>
    <message>
        <source>Cost of the last request</source>
        <translation>上一次请求的费用</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Update prices</source>
        <translation>更新价格</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>以及另外 %1 个</translation>
    </message>
    <message>
        <source>genai-prices %1 (built in)</source>
        <translation>genai-prices %1（内置）</translation>
    </message>
    <message>
        <source>genai-prices %1 (built in, prices as of %2)</source>
        <translation>genai-prices %1（内置，价格截至 %2）</translation>
    </message>
    <message>
        <source>genai-prices data of %1 (downloaded)</source>
        <translation>genai-prices %1 的数据（已下载）</translation>
    </message>
    <message>
        <source>≈ counted here: the server sent no usage</source>
        <translation>≈ 本地计数：服务器未返回用量</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>已花费</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Cost of this conversation</source>
        <translation>本对话的费用</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>本次会话</translation>
    </message>
    <message>
        <source>Cost since the app started</source>
        <translation>自应用启动以来的费用</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Cost today</source>
        <translation>今天的费用</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Cost this month</source>
        <translation>本月的费用</translation>
    </message>
    <message>
        <source>Already current</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>Budget warning</source>
        <translation>预算警告</translation>
    </message>
    <message>
        <source>Download the newest price data of genai-prices (kept for the next start; works offline after)</source>
        <translation>下载 genai-prices 的最新价格数据（保留到下次启动；之后离线也可用）</translation>
    </message>
    <message>
        <source>Downloading prices</source>
        <translation>正在下载价格</translation>
    </message>
    <message>
        <source>Newly priced: %1</source>
        <translation>新增定价：%1</translation>
    </message>
    <message>
        <source>Price update result</source>
        <translation>价格更新结果</translation>
    </message>
    <message>
        <source>Prices not updated</source>
        <translation>价格未更新</translation>
    </message>
    <message>
        <source>Prices updated: data of %1</source>
        <translation>价格已更新：%1 的数据</translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation>速率限制</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Requests left in the rate limit</source>
        <translation>速率限制中剩余的请求数</translation>
    </message>
    <message>
        <source>The download has no prices for OpenAI models.</source>
        <translation>下载的数据中没有 OpenAI 模型的价格。</translation>
    </message>
    <message>
        <source>The download is far too large to be price data.</source>
        <translation>下载的内容太大，不可能是价格数据。</translation>
    </message>
    <message>
        <source>The download is not valid price data (it may be cut short).</source>
        <translation>下载的不是有效的价格数据（可能不完整）。</translation>
    </message>
    <message>
        <source>The new prices could not be saved.</source>
        <translation>无法保存新价格。</translation>
    </message>
    <message>
        <source>The price server could not be reached. Check the network connection or the proxy.</source>
        <translation>无法连接价格服务器。请检查网络连接或代理。</translation>
    </message>
    <message>
        <source>The price server did not answer in time.</source>
        <translation>价格服务器没有及时响应。</translation>
    </message>
    <message>
        <source>The price server refused the request.</source>
        <translation>价格服务器拒绝了请求。</translation>
    </message>
    <message>
        <source>The prices in use are unchanged.</source>
        <translation>当前使用的价格没有变化。</translation>
    </message>
    <message>
        <source>The proxy failed. Check the proxy address in the profile.</source>
        <translation>代理出错。请检查配置中的代理地址。</translation>
    </message>
    <message>
        <source>There is no data folder to keep prices in.</source>
        <translation>没有可保存价格的数据文件夹。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Tokens left in the rate limit</source>
        <translation>速率限制中剩余的 token 数</translation>
    </message>
    <message>
        <source>Price data in use</source>
        <translation>正在使用的价格数据</translation>
    </message>
    <message>
        <source>Prices: %1</source>
        <translation>价格：%1</translation>
    </message>
    <message>
        <source>Downloading prices…</source>
        <translation>正在下载价格…</translation>
    </message>
    <message>
        <source>resets in %1</source>
        <translation>%1 后重置</translation>
    </message>
</context>
<context>
    <name>UsageWindow</name>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Usage history</source>
        <translation>用量历史</translation>
    </message>
    <message>
        <source>Spend summary</source>
        <translation>花费摘要</translation>
    </message>
    <message>
        <source>Export status</source>
        <translation>导出状态</translation>
    </message>
    <message>
        <source>Spend per day, last 30 days (US$)</source>
        <translation>最近 30 天每日花费（美元）</translation>
    </message>
    <message>
        <source>Spend per day by model</source>
        <translation>按模型统计的每日花费</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh usage</source>
        <translation>刷新用量</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation>将用量导出为 CSV</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close usage</source>
        <translation>关闭用量窗口</translation>
    </message>
    <message>
        <source>Cannot read the usage ledger: %1</source>
        <translation>无法读取用量账本：%1</translation>
    </message>
    <message>
        <source>Today %1 · this month %2 · last 30 days %3</source>
        <translation>今天 %1 · 本月 %2 · 最近 30 天 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n 个模型</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n request(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个请求导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export usage</source>
        <translation>导出用量</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>VariablesDialog</name>
    <message>
        <source>Fill in the variables</source>
        <translation>填写变量</translation>
    </message>
    <message>
        <source>Prompt variables</source>
        <translation>提示词变量</translation>
    </message>
    <message>
        <source>This prompt uses variables. Each needs a value.</source>
        <translation>此提示词使用了变量，每个变量都需要一个值。</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Use the prompt with these values</source>
        <translation>用这些值使用该提示词</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fill in every variable</source>
        <translation>请填写每个变量</translation>
    </message>
    <message>
        <source>No value yet for %1.</source>
        <translation>%1 还没有值。</translation>
    </message>
</context>
<context>
    <name>VectorStorePicker</name>
    <message>
        <source>Search these vector stores</source>
        <translation>搜索这些向量存储库</translation>
    </message>
    <message>
        <source>Vector stores; checked ones are searched</source>
        <translation>向量存储库；勾选的会被搜索</translation>
    </message>
    <message>
        <source>Manage files…</source>
        <translation>管理文件…</translation>
    </message>
    <message>
        <source>Open the files and vector stores manager</source>
        <translation>打开文件和向量存储库管理器</translation>
    </message>
    <message>
        <source>Vector stores message</source>
        <translation>向量存储库提示</translation>
    </message>
    <message>
        <source>File search looks in the checked stores:</source>
        <translation>文件搜索会在勾选的存储库中查找：</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>You have no vector stores yet: create one and add files in Manage files…</source>
        <translation>你还没有向量存储库：请在“管理文件…”中创建一个并加入文件</translation>
    </message>
    <message>
        <source>A checked store is still processing its files: file search finds only what is ready.</source>
        <translation>有勾选的存储库仍在处理文件：文件搜索只能找到已就绪的内容。</translation>
    </message>
</context>
<context>
    <name>VoiceSession</name>
    <message>
        <source>The microphone “%1” has given no sound at all for %2 seconds: it may be muted, unplugged or used by another app.</source>
        <translation>麦克风“%1”已有 %2 秒完全没有声音：它可能被静音、拔出或被其他应用占用。</translation>
    </message>
    <message>
        <source>The microphone “%1” stopped working: it may have been unplugged or taken by another app. The voice session was ended; its transcript is kept.</source>
        <translation>麦克风“%1”停止工作：它可能被拔出或被其他应用占用。语音会话已结束，文字记录已保留。</translation>
    </message>
    <message>
        <source>The speaker “%1” could not play the reply: it may have been unplugged or taken by another app. The voice session was ended; its transcript is kept.</source>
        <translation>扬声器“%1”无法播放回复：它可能被拔出或被其他应用占用。语音会话已结束，文字记录已保留。</translation>
    </message>
    <message>
        <source>The voice session was ended: it cost $%1 (audio $%2, text $%3), reaching its cap of $%4.</source>
        <translation>语音会话已结束：费用 $%1（音频 $%2，文本 $%3），已达到上限 $%4。</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>VoiceSessions</name>
    <message>
        <source>The audio of this session is gone: its files were moved or deleted. The transcript is still in the chat history.</source>
        <translation>这次会话的音频已不在：文件被移动或删除了。文字记录仍在聊天历史中。</translation>
    </message>
</context>
<context>
    <name>VoiceSessionsView</name>
    <message>
        <source>Past voice sessions</source>
        <translation>以往的语音会话</translation>
    </message>
    <message>
        <source>Voice sessions</source>
        <translation>语音会话</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the session</source>
        <translation>播放这次会话</translation>
    </message>
    <message>
        <source>Export audio…</source>
        <translation>导出音频…</translation>
    </message>
    <message>
        <source>Export the session&apos;s audio</source>
        <translation>导出这次会话的音频</translation>
    </message>
    <message>
        <source>Open transcript in chat</source>
        <translation>在聊天中打开文字记录</translation>
    </message>
    <message>
        <source>Open the transcript in the chat</source>
        <translation>在聊天中打开文字记录</translation>
    </message>
    <message>
        <source>Playback position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Voice sessions status</source>
        <translation>语音会话状态</translation>
    </message>
    <message>
        <source>walkie-talkie</source>
        <translation>对讲模式</translation>
    </message>
    <message>
        <source>No voice sessions yet: a conversation in the Voice tab is kept here when it ends.</source>
        <translation>还没有语音会话：语音标签页中的对话结束后会保存在这里。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Your side&apos;s audio file is gone: only the model is heard.</source>
        <translation>你这一方的音频文件已不在：只能听到模型。</translation>
    </message>
    <message>
        <source>The model&apos;s audio file is gone: only your side is heard.</source>
        <translation>模型的音频文件已不在：只能听到你这一方。</translation>
    </message>
    <message>
        <source>Audio (*.flac *.wav *.mp3 *.ogg)</source>
        <translation>音频 (*.flac *.wav *.mp3 *.ogg)</translation>
    </message>
    <message>
        <source>Exported %1 (%2).</source>
        <translation>已导出 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>VoiceTab</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Cost cap</source>
        <translation>费用上限</translation>
    </message>
    <message>
        <source>Ctrl+Enter starts and stops; Esc stops</source>
        <translation>Ctrl+Enter 开始和停止；Esc 停止</translation>
    </message>
    <message>
        <source>Each turn is recorded, transcribed, answered by the chat model and spoken: slower, but it works with any server that has those endpoints</source>
        <translation>每一轮都会被录音、转写，由聊天模型回答并朗读：较慢，但适用于任何具备这些端点的服务器</translation>
    </message>
    <message>
        <source>Eagerness</source>
        <translation>积极程度</translation>
    </message>
    <message>
        <source>Far (laptop, room)</source>
        <translation>远场（笔记本、房间）</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Function definitions</source>
        <translation>函数定义</translation>
    </message>
    <message>
        <source>Function result</source>
        <translation>函数结果</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>High: answers soonest</source>
        <translation>高：最快回答</translation>
    </message>
    <message>
        <source>Hold the button, or hold Space while it has focus</source>
        <translation>按住按钮，或在按钮获得焦点时按住空格键</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>按住说话</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Low: lets you pause</source>
        <translation>低：允许你停顿</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风电平</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>麦克风静音</translation>
    </message>
    <message>
        <source>Near (headset)</source>
        <translation>近场（耳机）</translation>
    </message>
    <message>
        <source>No call waiting.</source>
        <translation>没有等待中的调用。</translation>
    </message>
    <message>
        <source>No tokens yet.</source>
        <translation>尚无 token。</translation>
    </message>
    <message>
        <source>Noise reduction</source>
        <translation>降噪</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Past sessions…</source>
        <translation>以往会话…</translation>
    </message>
    <message>
        <source>Press Start and talk: both sides&apos; words appear here as they are spoken.</source>
        <translation>点击“开始说话”后讲话：双方的话会随说随显示在这里。</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>按键说话</translation>
    </message>
    <message>
        <source>Realtime model</source>
        <translation>实时模型</translation>
    </message>
    <message>
        <source>Replay or export past voice sessions</source>
        <translation>重放或导出以往的语音会话</translation>
    </message>
    <message>
        <source>Result, e.g. {&quot;temp_c&quot;: 21}</source>
        <translation>结果，例如 {&quot;temp_c&quot;: 21}</translation>
    </message>
    <message>
        <source>Same definitions as the chat (JSON)</source>
        <translation>与聊天相同的定义（JSON）</translation>
    </message>
    <message>
        <source>Send result</source>
        <translation>发送结果</translation>
    </message>
    <message>
        <source>Send the function&apos;s result</source>
        <translation>发送函数的结果</translation>
    </message>
    <message>
        <source>Session cost</source>
        <translation>会话费用</translation>
    </message>
    <message>
        <source>✂ interrupted at %1 s</source>
        <translation>✂ 在 %1 秒处被打断</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>扬声器电平</translation>
    </message>
    <message>
        <source>Speech and its transcript</source>
        <translation>语音及其文字稿</translation>
    </message>
    <message>
        <source>Start or stop the conversation</source>
        <translation>开始或停止对话</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>开始说话</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>仅文本</translation>
    </message>
    <message>
        <source>The function call waiting for its result</source>
        <translation>等待结果的函数调用</translation>
    </message>
    <message>
        <source>The model answers with</source>
        <translation>模型的回答方式</translation>
    </message>
    <message>
        <source>The model called %1(%2): type its result.</source>
        <translation>模型调用了 %1(%2)：请输入其结果。</translation>
    </message>
    <message>
        <source>The model judges when you are done (semantic)</source>
        <translation>由模型判断你是否说完（语义）</translation>
    </message>
    <message>
        <source>The server hears when you stop (VAD)</source>
        <translation>由服务器检测你何时停下（VAD）</translation>
    </message>
    <message>
        <source>The session ends itself when it has cost this much</source>
        <translation>费用达到此数额时会话自动结束</translation>
    </message>
    <message>
        <source>Turn detection</source>
        <translation>轮次检测</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Use walkie-talkie mode</source>
        <translation>使用对讲机模式</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Voice status</source>
        <translation>语音状态</translation>
    </message>
    <message>
        <source>Walkie-talkie</source>
        <translation>对讲机</translation>
    </message>
    <message>
        <source>Walkie-talkie mode</source>
        <translation>对讲机模式</translation>
    </message>
    <message>
        <source>Walkie-talkie: hold to talk, release to send.</source>
        <translation>对讲机：按住说话，松开发送。</translation>
    </message>
    <message>
        <source>[{&quot;name&quot;: &quot;get_weather&quot;, &quot;parameters&quot;: {...}}]</source>
        <translation>[{&quot;name&quot;: &quot;get_weather&quot;, &quot;parameters&quot;: {...}}]</translation>
    </message>
    <message>
        <source>e.g. You are a friendly tutor. Keep answers short.</source>
        <translation>例如：你是一位友好的老师，回答要简短。</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Hold to talk (or hold Space on the button).</source>
        <translation>按住说话（或在按钮上按住空格键）。</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>正在聆听…</translation>
    </message>
    <message>
        <source>Session ended.</source>
        <translation>会话已结束。</translation>
    </message>
    <message>
        <source>This server has no Realtime API, so a live conversation is not possible. Walkie-talkie mode works instead: hold to talk, and each turn is transcribed (%1), answered by %2 and spoken (%3).</source>
        <translation>此服务器没有 Realtime API，因此无法进行实时对话。可以改用对讲机模式：按住说话，每一轮会被转写（%1），由 %2 回答并朗读（%3）。</translation>
    </message>
    <message>
        <source>Transcribe me</source>
        <translation>转写我的话</translation>
    </message>
    <message>
        <source>Transcription of my speech</source>
        <translation>我的语音转写</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>no price known for this model</source>
        <translation>此模型没有已知价格</translation>
    </message>
    <message>
        <source>%1 (audio %2, text %3)</source>
        <translation>%1（音频 %2，文本 %3）</translation>
    </message>
    <message>
        <source>Add a function template</source>
        <translation>添加函数模板</translation>
    </message>
    <message>
        <source>Answer calls automatically</source>
        <translation>自动回答调用</translation>
    </message>
    <message>
        <source>Answer every call with this result</source>
        <translation>用此结果回答每次调用</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Audio tokens in %1, out %2 · text tokens in %3, out %4 · cached %5 · %6</source>
        <translation>音频 token 输入 %1、输出 %2 · 文本 token 输入 %3、输出 %4 · 缓存 %5 · %6</translation>
    </message>
</context>
<context>
    <name>WalkieTalkie</name>
    <message>
        <source>Nothing was heard in that turn.</source>
        <translation>这一轮没有听到任何声音。</translation>
    </message>
    <message>
        <source>Recording… release to send.</source>
        <translation>正在录音… 松开即发送。</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>正在朗读…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>正在转写…</translation>
    </message>
    <message>
        <source>Your turn: hold to talk.</source>
        <translation>轮到你了：按住说话。</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <source>Waveform</source>
        <translation>波形</translation>
    </message>
</context>
<context>
    <name>WebSearchCard</name>
    <message>
        <source>Web search</source>
        <translation>网页搜索</translation>
    </message>
    <message>
        <source>Sources the search found</source>
        <translation>搜索到的来源</translation>
    </message>
    <message>
        <source>Show every source</source>
        <translation>显示所有来源</translation>
    </message>
    <message>
        <source>Searched the web: %1</source>
        <translation>已搜索网页：%1</translation>
    </message>
    <message>
        <source>Searching the web</source>
        <translation>正在搜索网页</translation>
    </message>
    <message>
        <source>All %1 sources…</source>
        <translation>全部 %1 个来源…</translation>
    </message>
    <message>
        <source>Every source the search found</source>
        <translation>搜索到的所有来源</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to %1</source>
        <translation>欢迎使用 %1</translation>
    </message>
    <message>
        <source>Setup status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <source>Set up later</source>
        <translation>稍后设置</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Use the key for this session only</source>
        <translation>仅在本次会话中使用此密钥</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Let&apos;s connect to a model&lt;/h3&gt;How do you want to send requests? You can add more profiles later under &lt;i&gt;Profiles…&lt;/i&gt;.</source>
        <translation>&lt;h3&gt;连接到模型&lt;/h3&gt;你想如何发送请求？之后可以在&lt;i&gt;配置…&lt;/i&gt;中添加更多配置。</translation>
    </message>
    <message>
        <source>I have an OpenAI API key</source>
        <translation>我有 OpenAI API 密钥</translation>
    </message>
    <message>
        <source>Requests go to api.openai.com. The key is kept in your system keyring.</source>
        <translation>请求发送到 api.openai.com。密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>A relay or another OpenAI-compatible service</source>
        <translation>中转服务或其他 OpenAI 兼容服务</translation>
    </message>
    <message>
        <source>Any base URL that speaks the OpenAI API, with its own key if it needs one.</source>
        <translation>任何兼容 OpenAI API 的 Base URL，如需要可填写其密钥。</translation>
    </message>
    <message>
        <source>A server on this computer</source>
        <translation>本机上的服务器</translation>
    </message>
    <message>
        <source>Ollama, LM Studio, llama.cpp, vLLM and similar; no key needed.</source>
        <translation>Ollama、LM Studio、llama.cpp、vLLM 等；无需密钥。</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Local server</source>
        <translation>本地服务器</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新搜索</translation>
    </message>
    <message>
        <source>Chat model</source>
        <translation>聊天模型</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>optional, e.g. socks5://127.0.0.1:1080</source>
        <translation>可选，例如 socks5://127.0.0.1:1080</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>配置名称：</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Base URL：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Chat model:</source>
        <translation>聊天模型：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>中转</translation>
    </message>
    <message>
        <source>Servers found on this computer. Start your server and press &lt;i&gt;Search again&lt;/i&gt; if it is not listed.</source>
        <translation>在本机上找到的服务器。如果你的服务器不在列表中，请先启动它，然后点击&lt;i&gt;重新搜索&lt;/i&gt;。</translation>
    </message>
    <message>
        <source>Paste your OpenAI API key. It is stored in your system&apos;s keyring, never in a file. &lt;a href=&quot;%1&quot;&gt;Create or find a key&lt;/a&gt;.</source>
        <translation>粘贴你的 OpenAI API 密钥。密钥保存在系统密钥环中，绝不写入文件。&lt;a href=&quot;%1&quot;&gt;创建或查找密钥&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s base URL (usually ending in /v1) and its key, if it needs one.</source>
        <translation>输入中转服务的 Base URL（通常以 /v1 结尾），如需要再填写其密钥。</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Use the key ending %1 from %2</source>
        <translation>使用来自 %2、以 %1 结尾的密钥</translation>
    </message>
    <message>
        <source>Found an API key ending %1 in %2; you can import it in the next step.</source>
        <translation>在 %2 中找到以 %1 结尾的 API 密钥；可在下一步导入。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No server found on this computer</source>
        <translation>本机上未找到服务器</translation>
    </message>
    <message>
        <source>%1 — port %2 (%3)</source>
        <translation>%1 — 端口 %2（%3）</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Found on this computer: %1.</source>
        <translation>在本机上找到：%1。</translation>
    </message>
    <message>
        <source>No local server is selected. Start one and press Search again, or go back and choose a relay URL.</source>
        <translation>未选择本地服务器。请启动一个服务器后点击“重新搜索”，或返回选择中转 URL。</translation>
    </message>
    <message>
        <source>Paste your API key first.</source>
        <translation>请先粘贴你的 API 密钥。</translation>
    </message>
    <message>
        <source>The key contains spaces or line breaks; paste it again.</source>
        <translation>密钥中含有空格或换行；请重新粘贴。</translation>
    </message>
    <message>
        <source>The profile needs a name of at most 64 characters.</source>
        <translation>配置需要一个名称，最多 64 个字符。</translation>
    </message>
    <message>
        <source>The base URL “%1” must start with http:// or https:// and name a server, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</source>
        <translation>Base URL “%1” 必须以 http:// 或 https:// 开头并包含服务器地址，例如 https://api.openai.com/v1 或 http://localhost:11434/v1。</translation>
    </message>
    <message>
        <source>The proxy “%1” must be a URL starting with http://, https://, socks5:// or socks5h://, e.g. socks5://127.0.0.1:1080.</source>
        <translation>代理 “%1” 必须是以 http://、https://、socks5:// 或 socks5h:// 开头的 URL，例如 socks5://127.0.0.1:1080。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>The test failed: %1</source>
        <translation>测试失败：%1</translation>
    </message>
    <message>
        <source>The server did not answer within 30 s.</source>
        <translation>服务器在 30 秒内没有响应。</translation>
    </message>
    <message>
        <source>Saving the key to the keyring…</source>
        <translation>正在将密钥保存到密钥环…</translation>
    </message>
    <message>
        <source>The key could not be saved: %1 %2 You can use it for this session only; it will not be written anywhere.</source>
        <translation>无法保存密钥：%1 %2 你可以仅在本次会话中使用它；它不会被写入任何地方。</translation>
    </message>
</context>
<context>
    <name>_MessageRow</name>
    <message>
        <source>Role of message %1</source>
        <translation>消息 %1 的角色</translation>
    </message>
    <message>
        <source>Text of message %1</source>
        <translation>消息 %1 的文本</translation>
    </message>
    <message>
        <source>Remove message %1</source>
        <translation>移除消息 %1</translation>
    </message>
    <message>
        <source>Message role</source>
        <translation>消息角色</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>消息文本</translation>
    </message>
    <message>
        <source>Text with {{variables}} from the rows&apos; columns</source>
        <translation>含 {{variables}} 变量的文本，取值来自各行的列</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this message</source>
        <translation>移除此消息</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>This prompt…</source>
        <translation>此提示词…</translation>
    </message>
    <message>
        <source>All prompts…</source>
        <translation>全部提示词…</translation>
    </message>
</context>
</TS>
