package data

// CheckVillage runs SaveVillage's validation without saving, so a form can show problems as the
// user types. It works on a cleaned copy; v is not changed.
func (s *Store) CheckVillage(v *Village) error {
	in := *v
	in.Name, in.Town, in.County, in.Note = clean(in.Name), clean(in.Town), clean(in.County), clean(in.Note)
	return validateVillage(s.db, &in)
}

// CheckVillageTarget runs SaveVillageTarget's validation without saving.
func (s *Store) CheckVillageTarget(t *VillageTarget) error {
	in := *t
	return validateTarget(s.db, &in)
}

// CheckPartner runs SavePartner's validation without saving.
func (s *Store) CheckPartner(p *Partner) error {
	in := *p
	in.Name, in.Contact, in.Phone, in.Note = clean(in.Name), clean(in.Contact), clean(Halfwidth(in.Phone)), clean(in.Note)
	return validatePartner(s.db, &in)
}
