package jsonx

import "encoding/json"

// Struct is what a generated decoder knows of its struct type's members,
// one package-level value per decoded struct type: Names, the fields' keys
// as QuoteKey writes them, in field order; Fields, the table that finds the
// field of a key that was not predicted; Order, what was learnt of the
// order the keys arrive in (len(Names)+1 elements); and Keep, whether the
// type keeps the members no field takes (its Undeclared field), whose keys
// must then be kept too.
type Struct struct {
	Names  []string
	Fields Fields
	Order  Order
	Keep   bool
}

// Walk is the state of the walk of one object by Member; its zero value
// starts one.
type Walk struct {
	n    int // members read
	last int // the field of the last member read, plus one (0: none yet)
	// Key is the key of the last member no field took, when the Struct
	// keeps such members (see KeepMember).
	Key string
}

// End is the field Member returns when the object has no more members,
// or when its input is malformed (with the error).
const End = -2

// Member reads the key of the next member of the object Object opened and
// returns the field it names, -1 for a key no field takes, or End. It
// tries the field that came next the last time first (KeyIs, Order), and
// looks any other key up in s.Fields. It is the whole key loop of a
// generated struct decoder, compiled once here: written into each decoder,
// it was two thirds of the decoders' code.
func (d *Decoder) Member(s *Struct, m *Walk) (int, error) {
	last := m.last - 1
	f := s.Order.After(last)
	if d.KeyIs(m.n, f, s.Names) {
		m.last = f + 1
	} else {
		key, err := d.Key(m.n)
		if err != nil || key == nil {
			return End, err
		}
		f = d.Field(key, &s.Fields)
		if f < 0 && s.Keep {
			m.Key = string(key)
		}
		m.last = s.Order.Learn(last, f) + 1
	}
	m.n++
	return f, nil
}

// KeepMember reads the value of a member no field takes and adds it to
// *u under key (see AddMember).
func (d *Decoder) KeepMember(u *map[string]json.RawMessage, key string) error {
	raw, err := d.Raw()
	if err == nil {
		AddMember(u, key, raw)
	}
	return err
}
