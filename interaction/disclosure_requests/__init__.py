"""Disclosure on request (依申请公开): applications under the 2019 Regulations, their deadlines, outcomes and replies."""
