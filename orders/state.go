package orders

// Status is where an order stands.
type Status string

// The order states of API.md: pending → confirmed → shipping → delivered,
// and cancelled from pending or confirmed (the stock returns).
const (
	StatusPending   Status = "pending"
	StatusConfirmed Status = "confirmed"
	StatusShipping  Status = "shipping"
	StatusDelivered Status = "delivered"
	StatusCancelled Status = "cancelled"
)

// Statuses lists every state in the order of the happy path.
var Statuses = []Status{StatusPending, StatusConfirmed, StatusShipping, StatusDelivered, StatusCancelled}

// Valid says whether st is a known state.
func (st Status) Valid() bool {
	for _, s := range Statuses {
		if s == st {
			return true
		}
	}
	return false
}

// moves lists the legal moves; anything else is a conflict.
var moves = map[Status][]Status{
	StatusPending:   {StatusConfirmed, StatusCancelled},
	StatusConfirmed: {StatusShipping, StatusCancelled},
	StatusShipping:  {StatusDelivered},
}

// CanMove says whether an order in st may move to to.
func (st Status) CanMove(to Status) bool {
	for _, s := range moves[st] {
		if s == to {
			return true
		}
	}
	return false
}

// Cancellable says whether the buyer may still cancel.
func (st Status) Cancellable() bool { return st.CanMove(StatusCancelled) }
