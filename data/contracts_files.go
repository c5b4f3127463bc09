package data

import "strings"

// RecordFile is a scan or photo of a contract or an asset, stored inside the database like a
// project's attachments. Exactly one of ContractID and AssetID is set. Lists leave Data empty;
// RecordFileData reads it.
type RecordFile struct {
	ID         int64
	UUID       string
	ContractID int64
	AssetID    int64
	FileName   string
	Mime       string
	Size       int64
	Data       []byte `json:"-"` // kept out of the audit log
}

var recordFileTable = table[RecordFile]{
	name: "record_files",
	cols: []string{"contract_id", "asset_id", "file_name", "mime", "size"},
	fields: func(f *RecordFile) []any {
		return []any{&f.ID, &f.UUID, nullableID{&f.ContractID}, nullableID{&f.AssetID}, &f.FileName, &f.Mime, &f.Size}
	},
}

// ContractFiles lists a contract's scans and photos without their bytes.
func (s *Store) ContractFiles(contractID int64) ([]RecordFile, error) {
	return recordFileTable.list(s.db, "contract_id = ?", "id", contractID)
}

// AssetFiles lists an asset's photos and scans without their bytes.
func (s *Store) AssetFiles(assetID int64) ([]RecordFile, error) {
	return recordFileTable.list(s.db, "asset_id = ?", "id", assetID)
}

// GetRecordFile returns a live file without its bytes.
func (s *Store) GetRecordFile(id int64) (*RecordFile, error) {
	return recordFileTable.load(s.db, id, true)
}

// RecordFileData reads the bytes of a live file.
func (s *Store) RecordFileData(id int64) ([]byte, error) {
	return fileData(s.db, "record_files", id)
}

// AddRecordFile stores a new file (f.Data holds it) of a live contract or asset and fills its ID, UUID and Size.
func (s *Store) AddRecordFile(f *RecordFile) error {
	in := *f
	in.FileName, in.Mime, in.Size = clean(in.FileName), strings.TrimSpace(in.Mime), int64(len(in.Data))
	err := s.write(func(tx *Tx) error {
		c := newCheck("record_file")
		switch {
		case (in.ContractID == 0) == (in.AssetID == 0):
			c.fail("", "owner")
		case in.ContractID != 0:
			if err := c.ref(tx, "ContractID", "contracts", in.ContractID, true); err != nil {
				return err
			}
		default:
			if err := c.ref(tx, "AssetID", "assets", in.AssetID, true); err != nil {
				return err
			}
		}
		c.file(in.FileName, in.Data)
		if err := c.err(); err != nil {
			return err
		}
		return recordFileTable.insert(tx, &in, column{"data", in.Data})
	})
	if err == nil {
		*f = in
	}
	return err
}

// DeleteRecordFile soft-deletes a file.
func (s *Store) DeleteRecordFile(id int64) error { return deleteChild(s, recordFileTable, id) }

// RestoreRecordFile undoes DeleteRecordFile.
func (s *Store) RestoreRecordFile(id int64) error { return restoreChild(s, recordFileTable, id) }
