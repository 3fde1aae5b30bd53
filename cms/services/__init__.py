"""The service catalogue (事项清单): the 办事服务 index and one guide page per service item."""
