package data

// Partner unit kinds (帮扶单位类别).
const (
	PartnerGovernment = "政府单位"
	PartnerEnterprise = "企业"
	PartnerCommunity  = "城市社区"
	PartnerOther      = "其他"
)

// PartnerKinds lists the kinds in the order a form offers them.
var PartnerKinds = []string{PartnerGovernment, PartnerEnterprise, PartnerCommunity, PartnerOther}

// Partner is a partner unit (帮扶单位) working with the villages.
type Partner struct {
	ID      int64
	UUID    string
	Name    string
	Kind    string // one of PartnerKinds
	Contact string // 联系人
	Phone   string
	Note    string
}

var partnerTable = table[Partner]{
	name: "partners",
	cols: []string{"name", "kind", "contact", "phone", "note"},
	fields: func(p *Partner) []any {
		return []any{&p.ID, &p.UUID, &p.Name, &p.Kind, &p.Contact, &p.Phone, &p.Note}
	},
}

// GetPartner returns a live partner unit.
func (s *Store) GetPartner(id int64) (*Partner, error) { return partnerTable.load(s.db, id, true) }

// Partners returns every live partner unit by name.
func (s *Store) Partners() ([]Partner, error) {
	return partnerTable.list(s.db, "TRUE", "name, id")
}

func validatePartner(q querier, p *Partner) error {
	c := newCheck("partner")
	c.required("Name", p.Name)
	c.maxLen("Name", p.Name, nameLen)
	c.oneOf("Kind", p.Kind, PartnerKinds)
	c.maxLen("Contact", p.Contact, nameLen)
	if p.Phone != "" && !ValidPhone(p.Phone) {
		c.fail("Phone", "invalid")
	}
	c.maxLen("Note", p.Note, noteLen)
	if err := c.unique(q, "Name", "partners", p.ID, "name = ?", p.Name); err != nil {
		return err
	}
	return c.err()
}

// SavePartner inserts (ID 0) or updates a partner unit.
func (s *Store) SavePartner(p *Partner) error {
	p.Name, p.Contact, p.Phone, p.Note = clean(p.Name), clean(p.Contact), clean(Halfwidth(p.Phone)), clean(p.Note)
	return saveChild(s, partnerTable, p, validatePartner)
}

// DeletePartner soft-deletes a partner unit; projects keep their link and show it again on restore.
func (s *Store) DeletePartner(id int64) error {
	return deleteChild(s, partnerTable, id)
}

// RestorePartner undoes DeletePartner.
func (s *Store) RestorePartner(id int64) error {
	return restoreChild(s, partnerTable, id)
}
