"""办事服务: online applications for the service items, their handling, history, results, ratings, 办件公示,
statistics and the business systems' API (app label `applications`)."""
