"""Qt item models fed with the plain records of services (no ORM object ever reaches a view)."""
