"""Messages of the target write API: creating, editing, approving and retiring a target,
and the API's own errors that are not about a parameter (scope, conflicts)."""

from __future__ import annotations

TARGET_EDIT_MESSAGES: dict[str, tuple[str, str]] = {
    # a target's terms that cannot be stored
    "target.key_taken": ("目标编号 {key} 已存在", "A target with key {key} already exists"),
    "target.unknown_reference": ("{what} {code} 未定义", "Unknown {what} {code}"),
    "target.unit_mismatch": ("目标单位“{unit}”无法换算为指标 {indicator} 的单位“{indicator_unit}”",
                             "The target's unit '{unit}' does not convert to the unit "
                             "'{indicator_unit}' of indicator {indicator}"),
    "target.range_needs_upper": ("区间目标（between）须给出不小于目标值的上限 upper_value",
                                 "A range (between) needs upper_value at least the value"),
    "target.upper_only_for_range": ("只有区间目标（between）才有上限 upper_value",
                                    "upper_value is only for comparator 'between'"),
    "target.change_needs_unit": ("{kind} 类目标须给出 change_unit",
                                 "A {kind} target needs change_unit"),
    "target.start_after_deadline": ("起始年 {start} 晚于截止年 {deadline}",
                                    "Start year {start} is after the deadline {deadline}"),
    "target.baseline_after_deadline": ("基期年 {baseline} 不早于截止年 {deadline}",
                                       "Baseline year {baseline} is not before the deadline "
                                       "{deadline}"),
    "target.inferred_needs_basis": ("推定的截止年须说明依据 deadline_basis",
                                    "An inferred deadline needs deadline_basis"),
    "target.quote_not_in_document": ("原文引用在文件 {document} 中找不到",
                                     "The quote does not occur verbatim in document {document}"),
    "target.control_character": ("文字中不得含控制字符", "Text must not hold control characters"),
    # review
    "target.retired": ("目标 {key} 已停用，不能再修改或批准",
                       "Target {key} is retired: it can no longer be edited or approved"),
    "target.superseded_by_itself": ("目标不能被自身取代", "A target cannot supersede itself"),
    "target.forbidden": ("该用户无权修改 {region} 的 {indicator} 目标",
                         "This user may not write targets for {indicator} in {region}"),
    "target.admin_only": ("只有管理员可以批准或停用目标",
                          "Only an administrator may approve or retire a target"),
    "api.control_character": ("请求的地址、参数或请求头中含有控制字符（如 NUL），无法处理",
                              "The request's path, parameters or headers hold a control "
                              "character (such as NUL) and cannot be answered"),
}
