package jsonx

// Helpers shared by the package's test files.

// pair is a two-member object, decodePair its decoder written the way
// generated decoders are.
type pair struct {
	A *string
	B *string
}

func decodePair(d *Decoder, v *pair) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return err
		}
		switch string(key) {
		case "a":
			err = StringPtr(d, &v.A)
		case "b":
			err = StringPtr(d, &v.B)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}
