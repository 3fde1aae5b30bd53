"""Business systems (the 办公用房管理系统, the 能耗统计 system …) that call the site's JSON APIs with a token of their own."""
