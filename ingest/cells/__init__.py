"""What a bureau writes in a cell: numbers (full-width digits, 万/亿, marks) and
periods (2016年1-9月, 前三季度), read one cell or a whole column at a time."""
