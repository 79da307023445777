"""Text of the web pages' frame: navigation, the replay banner, signing in, error pages."""

from __future__ import annotations

WEB_MESSAGES: dict[str, tuple[str, str]] = {
    "nav.label": ("主导航", "Main navigation"),
    "nav.board": ("目标看板", "Target board"),
    "nav.compare": ("区域对比", "Region comparison"),
    "nav.track_record": ("历史准确度", "Track record"),
    "nav.upload": ("数据上传", "Upload data"),
    "nav.as_of": ("回放日期", "As known on"),
    "nav.go": ("查看", "Show"),
    "nav.sign_out": ("退出", "Sign out"),
    "nav.replay_banner": ("回放：以下为截至 {day} 所知的情况"
                          "（数据、预测与评估均按当时公布的信息）。",
                          "Replay: what was known on {day} (figures, forecasts and statuses as "
                          "published by then)."),
    "nav.replay_leave": ("返回当前", "Back to today"),
    "cli.demo_users": ("演示账号（密码均为 {password}）：{names}（管理员、填报员、领导各一）；"
                       "在 /login 登录",
                       "Demo users (password {password} for each): {names} (an administrator, "
                       "an uploader, a leader); sign in at /login"),
    "login.title": ("登录", "Sign in"),
    "login.name": ("用户名", "User name"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Sign in"),
    "login.hint": ("账号由管理员用 targetwatch user add 创建。",
                   "Accounts are created by an administrator with `targetwatch user add`."),
    "login.wrong": ("用户名或密码不正确。", "Wrong user name or password."),
    "login.locked": ("连续输错次数过多，请于 {when} 后再试。",
                     "Too many wrong passwords in a row: try again after {when}."),
    "login.disabled": ("该账号已停用，请联系管理员。",
                       "This account is disabled: ask an administrator."),
    "login.rate_limited": ("登录尝试过于频繁，请稍后再试。",
                           "Too many sign-in attempts from this address: try again later."),
    "api.internal_error": ("服务器内部错误，请求未能完成；已记入日志（编号 {reference}），"
                           "请联系管理员",
                           "Internal server error: the request was not completed. It is "
                           "logged (reference {reference}); please tell an administrator"),
    "web.csrf_failed": ("表单已过期或来源不明，请刷新页面后重试。",
                        "The form has expired or did not come from this site: reload the "
                        "page and try again."),
    "web.readers_cannot_upload": ("您的角色只能查看，不能上传或修改数据。",
                                  "Your role may read but not upload or change data."),
    "web.bad_as_of": ("回放日期应为已经过去的日期（YYYY-MM-DD）：{value}",
                      "The as-of day must be a day already past (YYYY-MM-DD): {value}"),
    "web.status.400": ("请求有误", "Bad request"),
    "web.status.401": ("需要登录", "Sign-in required"),
    "web.status.403": ("无权访问", "Not allowed"),
    "web.status.404": ("页面不存在", "Page not found"),
    "web.status.405": ("不支持此操作", "Method not allowed"),
    "web.status.413": ("文件过大", "File too large"),
    "web.status.422": ("参数无效", "Invalid parameters"),
    "web.status.429": ("请求过于频繁", "Too many requests"),
    "web.status.500": ("服务器内部错误", "Internal server error"),
}
