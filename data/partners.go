package data

import (
	"database/sql"
	"errors"
)

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

const partnerCols = "id, uuid, name, kind, contact, phone, note"

func scanPartner(sc interface{ Scan(...any) error }) (*Partner, error) {
	var p Partner
	err := sc.Scan(&p.ID, &p.UUID, &p.Name, &p.Kind, &p.Contact, &p.Phone, &p.Note)
	return &p, err
}

func loadPartner(q querier, id int64, live bool) (*Partner, error) {
	p, err := scanPartner(q.QueryRow("SELECT "+partnerCols+" FROM partners WHERE id = ?"+liveClause(live), id))
	return p, scanOne(err)
}

// GetPartner returns a live partner unit.
func (s *Store) GetPartner(id int64) (*Partner, error) { return loadPartner(s.db, id, true) }

// Partners returns every live partner unit by name.
func (s *Store) Partners() ([]Partner, error) {
	return queryRows(s.db, "SELECT "+partnerCols+" FROM partners WHERE deleted_at IS NULL ORDER BY name, id", nil,
		func(rows *sql.Rows) (Partner, error) {
			p, err := scanPartner(rows)
			return *p, err
		})
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
	if !c.failed("Name") {
		var other int64
		err := q.QueryRow("SELECT id FROM partners WHERE name = ? AND id <> ? AND deleted_at IS NULL", p.Name, p.ID).Scan(&other)
		if err == nil {
			c.fail("Name", "duplicate")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return c.err()
}

// SavePartner inserts (ID 0) or updates a partner unit.
func (s *Store) SavePartner(p *Partner) error {
	p.Name, p.Contact, p.Phone, p.Note = clean(p.Name), clean(p.Contact), clean(Halfwidth(p.Phone)), clean(p.Note)
	in := *p
	err := s.write(func(tx *Tx) error {
		if err := validatePartner(tx, &in); err != nil {
			return err
		}
		if in.ID == 0 {
			in.UUID = NewUUID()
			res, err := tx.Exec(`INSERT INTO partners(uuid, name, kind, contact, phone, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
				in.UUID, in.Name, in.Kind, in.Contact, in.Phone, in.Note, tx.Stamp(), tx.Stamp())
			if err != nil {
				return err
			}
			in.ID, _ = res.LastInsertId()
			return tx.Audit("partners", in.ID, "insert", nil, &in)
		}
		old, err := loadPartner(tx, in.ID, true)
		if err != nil {
			return err
		}
		in.UUID = old.UUID
		if _, err := tx.Exec(`UPDATE partners SET name = ?, kind = ?, contact = ?, phone = ?, note = ?, updated_at = ? WHERE id = ?`,
			in.Name, in.Kind, in.Contact, in.Phone, in.Note, tx.Stamp(), in.ID); err != nil {
			return err
		}
		return tx.Audit("partners", in.ID, "update", old, &in)
	})
	if err == nil {
		*p = in
	}
	return err
}

// DeletePartner soft-deletes a partner unit; projects keep their link and show it again on restore.
func (s *Store) DeletePartner(id int64) error {
	return s.write(func(tx *Tx) error { return softDelete(tx, "partners", id, loadPartner) })
}

// RestorePartner undoes DeletePartner.
func (s *Store) RestorePartner(id int64) error {
	return s.write(func(tx *Tx) error { return restoreRow(tx, "partners", id, loadPartner) })
}
