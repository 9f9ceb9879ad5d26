"""What performance is measured against: the load workload (`make load`) and its reference views."""
