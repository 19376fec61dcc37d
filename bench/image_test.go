package bench

import (
	// go-digest accepts a digest algorithm only if its hash is linked in,
	// as it is in the docker CLI.
	_ "crypto/sha256"
	_ "crypto/sha512"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/distribution/reference"

	"github.com/safeshell/safeshell/shq/validate"
)

// imagePieces are the parts the generated image references are made of:
// every production of the grammar, its edge cases and the hazards (IPv6
// forms, uppercase, separators, lengths around the 255-byte limit).
var (
	imageDomains = []string{
		"", "", "", "docker.io", "index.docker.io", "localhost", "localhost:5000", "ghcr.io", "Example.COM",
		"a-b.c", "a--b.c", "-a.b", "a.b-", "a_b.c", "127.0.0.1", "127.0.0.1:80", "a:b", "a:", "a.b:0x",
		"[::1]", "[::1]:5000", "[2001:db8::1]", "[::]", "[::A]", "[::ffff:1.2.3.4]", "[::ffff:1.2.3.4]:80",
		"[1.2.3.4]", "[1::2::3]", "[::::]", "[fe80::1%eth0]", "[]", "[::1]:", "[::1", "::1", "[::g]",
		strings.Repeat("d", 63) + ".io", strings.Repeat("d.", 100) + "io",
	}
	imageComponents = []string{
		"a", "ubuntu", "library", "app", "a.b", "a_b", "a__b", "a___b", "a-b", "a---b", "a_", "_a", ".a", "a.",
		"-a", "a-", "A", "Ubuntu", "ü", "a b", "", "0", strings.Repeat("f", 64), strings.Repeat("a", 120),
		strings.Repeat("a", 247), strings.Repeat("a", 248), strings.Repeat("a", 255), strings.Repeat("a", 256),
	}
	imageTags = []string{
		"", "", "", ":latest", ":24.04", ":_", ":A.b-C", ":-x", ":.x", ":", ":" + strings.Repeat("t", 128),
		":" + strings.Repeat("t", 129), ":tä", ":a:b",
	}
	imageDigests = []string{
		"", "", "", "@sha256:" + strings.Repeat("a", 64), "@sha256:" + strings.Repeat("A", 64),
		"@sha256:" + strings.Repeat("a", 63), "@sha384:" + strings.Repeat("1", 96),
		"@sha512:" + strings.Repeat("f", 128), "@md5:" + strings.Repeat("a", 32), "@sha256:", "@",
		"@sha256+b64:" + strings.Repeat("a", 64), "@SHA256:" + strings.Repeat("a", 64),
	}
	// Pieces that are valid on their own, so that half of the generated
	// references are accepted unless a length limit or a mutation says
	// otherwise.
	validDomains    = []string{"", "docker.io", "index.docker.io", "localhost:5000", "Example.COM", "a--b.c", "127.0.0.1:80", "[::1]:5000", "[::A]"}
	validComponents = []string{"a", "ubuntu", "a.b", "a__b", "a---b", "0", strings.Repeat("a", 120), strings.Repeat("a", 247), strings.Repeat("a", 248)}
	validTags       = []string{"", ":latest", ":_", ":A.b-C", ":" + strings.Repeat("t", 128)}
	validDigests    = []string{"", "@sha256:" + strings.Repeat("a", 64), "@sha512:" + strings.Repeat("f", 128)}

	// imageMutations are inserted, replaced or deleted at random places.
	imageMutations = []string{"/", ":", "@", ".", "-", "_", "__", "[", "]", "A", "a", "0", " ", "\n", "\x00", "é", "%", "::"}
)

// imageCorpus returns the differential test's inputs: the validator
// table's hazards, every string of up to 4 bytes over a small alphabet of
// the grammar's special characters, and n references assembled from
// imagePieces, some of them mutated, from a fixed seed.
func imageCorpus(n int) []string {
	c := []string{
		"", "ubuntu", "ubuntu:24.04", "docker.io/library/ubuntu:24.04", "localhost:5000/app", "[::1]:5000/app",
		"[::ffff:1.2.3.4]/app", "[::ffff:1.2.3.4]:5000/app", "[2001:db8::1]/app", "[1::2::3]/app",
		strings.Repeat("f", 64), "sha256:" + strings.Repeat("f", 64), "x --profile evil", "-x", "$(id)",
	}
	const alphabet = "a.-_/:@[]1A"
	var gen func(prefix string, depth int)
	gen = func(prefix string, depth int) {
		c = append(c, prefix)
		if depth == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			gen(prefix+alphabet[i:i+1], depth-1)
		}
	}
	gen("", 4)

	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	for range n {
		domains, components, tags, digests := imageDomains, imageComponents, imageTags, imageDigests
		if r.IntN(2) == 0 {
			domains, components, tags, digests = validDomains, validComponents, validTags, validDigests
		}
		var b strings.Builder
		if d := pick(domains); d != "" {
			b.WriteString(d + "/")
		}
		for k := range 1 + r.IntN(3) {
			if k > 0 {
				b.WriteByte('/')
			}
			b.WriteString(pick(components))
		}
		b.WriteString(pick(tags))
		b.WriteString(pick(digests))
		s := b.String()
		if r.IntN(4) == 0 && s != "" {
			i := r.IntN(len(s) + 1)
			switch m := pick(imageMutations); r.IntN(3) {
			case 0:
				s = s[:i] + m + s[i:]
			case 1:
				if i < len(s) {
					s = s[:i] + m + s[i+1:]
				}
			default:
				if i < len(s) {
					s = s[:i] + s[i+1:]
				}
			}
		}
		c = append(c, s)
	}
	return c
}

// bracketNotAddress reports whether s has a domain in brackets that the
// grammar's character class admits but that is not an IPv6 address
// ([::::], [1::2::3]): the one documented difference, where ImageRef
// refuses what distribution accepts.
func bracketNotAddress(s string) bool {
	if !strings.HasPrefix(s, "[") {
		return false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return false
	}
	inner := s[1:end]
	if inner == "" || strings.Trim(inner, "0123456789abcdefABCDEF:") != "" {
		return false
	}
	a, err := netip.ParseAddr(inner)
	return err != nil || !a.Is6()
}

// TestImageRefDistribution compares validate.ImageRef with
// reference.ParseNormalizedNamed of github.com/distribution/reference,
// the parser the docker CLI uses for an image argument, on the corpus.
// They must agree on every input except the documented difference.
func TestImageRefDistribution(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 20000
	}
	corpus := imageCorpus(n)
	var accepted, refused, deliberate, bad int
	for _, s := range corpus {
		ours := validate.ImageRef(s) == nil
		_, err := reference.ParseNormalizedNamed(s)
		theirs := err == nil
		switch {
		case ours == theirs && ours:
			accepted++
		case ours == theirs:
			refused++
		case !ours && bracketNotAddress(s):
			deliberate++
		default:
			bad++
			if bad <= 20 {
				t.Errorf("ImageRef(%q) accepted=%v, distribution: %v", s, ours, err)
			}
		}
	}
	if bad > 20 {
		t.Errorf("... %d disagreements in all", bad)
	}
	t.Logf("%d inputs: %d accepted by both, %d refused by both, %d refused by ImageRef only (bracketed host that is not an IPv6 address), %d disagreements",
		len(corpus), accepted, refused, deliberate, bad)
	// A corpus that stopped reaching either verdict, or the difference,
	// would make the comparison empty.
	if accepted < 1000 || refused < 1000 || deliberate == 0 {
		t.Errorf("corpus too narrow: %d accepted, %d refused, %d deliberate", accepted, refused, deliberate)
	}
}
