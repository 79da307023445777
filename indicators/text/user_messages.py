"""User-facing text of users, roles, passwords and the audit trail,
Chinese first with English beside it; `indicators.text.messages` merges it."""

from __future__ import annotations

USER_MESSAGES: dict[str, tuple[str, str]] = {
    # --- P3: users, passwords, roles (service/cli/users.py) ---
    "user.unknown_role": ("未知角色：{role}（可选：admin 管理员、uploader 上传员、"
                          "reader/leader 只读）",
                          "Unknown role: {role} (one of admin, uploader, reader/leader)"),
    "user.weak_password": ("密码须为 {low}–{high} 个字符", "A password must be {low}–{high} "
                           "characters long"),
    "user.password_prompt": ("密码", "Password"),
    "user.password_again": ("再次输入密码", "Password again"),
    "user.password_mismatch": ("两次输入的密码不一致", "The two passwords differ"),
    "user.password_stdin_empty": ("标准输入中没有密码", "No password on standard input"),
    "user.password_set": ("已为用户 {name} 设置新密码", "New password set for {name}"),
    "user.not_found": ("没有用户 {name}", "No user {name}"),
    "user.disabled": ("用户 {name} 已停用", "User {name} is disabled"),
    "user.revoked": ("已停用用户 {name}，撤销令牌 {count} 个",
                     "Disabled {name} and revoked {count} tokens"),
    "user.token_created": ("已为用户 {name} 生成新的 API 令牌。令牌仅显示这一次，请妥善保存：",
                           "New API token for {name}. It is shown this once; keep it safe:"),
    "user.none": ("还没有用户（targetwatch user add 新建）",
                  "No users yet (create one with targetwatch user add)"),
    "user.col_name": ("用户", "User"),
    "user.col_role": ("角色", "Role"),
    "user.col_regions": ("地区", "Regions"),
    "user.col_indicators": ("指标", "Indicators"),
    "user.col_tokens": ("令牌（有效/全部）", "Tokens (live/all)"),
    "user.col_last_used": ("最近使用", "Last used"),
    "user.col_state": ("状态", "State"),
    "user.any": ("全部", "any"),
    "user.state_active": ("启用", "active"),
    "user.state_active_password": ("启用，有密码", "active, password"),
    "user.state_disabled": ("已停用 {day}", "disabled {day}"),
    "role.admin": ("管理员", "administrator"),
    "role.uploader": ("上传员", "uploader"),
    "role.reader": ("只读", "reader"),
    # API: who may write
    "api.read_only": ("只读用户无权修改数据", "A read-only user may not change data"),
}
