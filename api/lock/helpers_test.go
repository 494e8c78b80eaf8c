package lock

// Helpers shared by the package's test files: a pinned commit and a
// description digest.

const (
	commit = "8889625a7b931d8649e18726e7f872ff073520fc"
	sumA   = "6acff636cc87df08e821ae69951d8dadcbec7bc0d59771421c38fed33a129e01"
)
