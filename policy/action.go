package policy

// Action is something a caller asks to do to one row.
type Action int

// The actions, by the row they act on.
const (
	// Public-facing reads: public rows to all, the rest to who runs or
	// oversees the coop.
	ViewCoop       Action = iota // a coop's page (public when approved)
	ViewProduct                  // a product's page and reviews (public when purchasable)
	SeeCoopPrivate               // a coop's private fields (bank account)

	// A coop's back office.
	OpenCoop        // apply for a new storefront
	ReadCoop        // members, status history, the seller pages
	ManageCoop      // change the coop itself
	EditMembers     // add or remove members
	ReadAudit       // read the coop's audit log
	EditProducts    // create and change products, variants and photos
	AddProductPhoto // upload a product photo (the coop must be approved)
	SetCoopPhoto    // upload a logo or banner (the coop must be approved)

	// Hội staff.
	ModerateCoop // approve, reject or suspend the coop; hide its products
	StaffWide    // marketplace-wide work: moderation lists, featured, categories
	StaffDoor    // enter the staff console and staff routes; what is behind is decided per action
	Curate       // edit a featured list: Facts.Province is the list's province, "" the national list

	// Orders.
	ListOwnOrders    // a signed-in buyer's own orders
	ReadOrder        // one order
	CancelOrder      // cancel as the buyer
	ReviewOrder      // review the products of an order
	AdvanceOrder     // move an order along or mark it paid, as the seller
	ReadSellerOrders // a coop's orders
	BuyFromCoop      // put the coop's goods in a checkout

	// Reports.
	ReadCoopReport   // a coop's sales
	ReadMarketReport // the marketplace's overview and sales (a province's staff: their province's)

	// Payments.
	AttachPayment // attach unmatched bank money to an order, as Hội staff of its coop's province

	numActions // keep last: the table test walks every action
)

// Actions lists every action, for tests that walk them all.
func Actions() []Action {
	out := make([]Action, numActions)
	for i := range out {
		out[i] = Action(i)
	}
	return out
}

var actionNames = [numActions]string{
	"ViewCoop", "ViewProduct", "SeeCoopPrivate",
	"OpenCoop", "ReadCoop", "ManageCoop", "EditMembers", "ReadAudit", "EditProducts", "AddProductPhoto", "SetCoopPhoto",
	"ModerateCoop", "StaffWide", "StaffDoor", "Curate",
	"ListOwnOrders", "ReadOrder", "CancelOrder", "ReviewOrder", "AdvanceOrder", "ReadSellerOrders", "BuyFromCoop",
	"ReadCoopReport", "ReadMarketReport",
	"AttachPayment",
}

func (a Action) String() string {
	if a >= 0 && a < numActions {
		return actionNames[a]
	}
	return "Action(?)"
}
