package data

import "strings"

// StepFile is a photo or scan of one step of a decision (the sign-in sheet, the notice posted),
// stored inside the database like a contract's scans. Lists leave Data empty; StepFileData reads it.
type StepFile struct {
	ID       int64
	UUID     string
	StepID   int64
	FileName string
	Mime     string
	Size     int64
	Data     []byte `json:"-"` // kept out of the audit log
}

var stepFileTable = table[StepFile]{
	name: "decision_files",
	cols: []string{"step_id", "file_name", "mime", "size"},
	fields: func(f *StepFile) []any {
		return []any{&f.ID, &f.UUID, &f.StepID, &f.FileName, &f.Mime, &f.Size}
	},
}

// StepFiles lists a step's photos and scans without their bytes.
func (s *Store) StepFiles(stepID int64) ([]StepFile, error) {
	return stepFileTable.list(s.db, "step_id = ?", "id", stepID)
}

// StepFileData reads the bytes of a live file of a step.
func (s *Store) StepFileData(id int64) ([]byte, error) {
	return fileData(s.db, "decision_files", id)
}

// AddStepFile stores a new file (f.Data holds it) of a live step and fills its ID, UUID and Size.
func (s *Store) AddStepFile(f *StepFile) error {
	in := *f
	in.FileName, in.Mime, in.Size = clean(in.FileName), strings.TrimSpace(in.Mime), int64(len(in.Data))
	err := s.write(func(tx *Tx) error {
		c := newCheck("decision_file")
		if err := c.ref(tx, "StepID", "decision_steps", in.StepID, true); err != nil {
			return err
		}
		c.file(in.FileName, in.Data)
		if err := c.err(); err != nil {
			return err
		}
		return stepFileTable.insert(tx, &in, column{"data", in.Data})
	})
	if err == nil {
		*f = in
	}
	return err
}

// DeleteStepFile soft-deletes a step's file.
func (s *Store) DeleteStepFile(id int64) error { return deleteChild(s, stepFileTable, id) }

// RestoreStepFile undoes DeleteStepFile.
func (s *Store) RestoreStepFile(id int64) error { return restoreChild(s, stepFileTable, id) }
