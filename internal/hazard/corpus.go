package hazard

// Case is one input of Corpus.
type Case struct{ Name, S string }

// Corpus holds the inputs that have broken widely used quoting libraries,
// one reason each (the design notes, "Hazards"). Every dialect is checked on
// all of them, by mvdan.cc/sh, by Split and through the real shells of its
// matrix, and shq/shtemplate renders each into every context it knows.
var Corpus = []Case{
	{"empty", ""},                              // must be '' and not vanish
	{"space", " "},                             // word splitting
	{"blank-mix", " \t\n"},                     // IFS bytes only
	{"hash-start", "#a"},                       // comment at a word start
	{"hash-mid", "a#"},                         // glob under zsh extendedglob
	{"hash-alone", "#"},                        // comment
	{"tilde", "~"},                             // tilde expansion
	{"tilde-user", "~root"},                    // ~user expansion
	{"tilde-after-eq", "a=~"},                  // bash assignment-shaped words, magicequalsubst
	{"tilde-after-colon", "a:~"},               // assignment-shaped words in bash, any word in mksh
	{"tilde-path", "x=~/b:~/c"},                // both at once
	{"eq-cmd", "=ls"},                          // zsh =cmd path expansion
	{"eq-nosuch", "=nosuchcmd"},                // aborts the command list in zsh
	{"assign", "A=b"},                          // assignment in command position
	{"brace-comma", "{a,b}"},                   // brace expansion
	{"brace-seq", "{1..3}"},                    // sequence expansion
	{"brace-open", "{"},                        // escaping { but not } breaks zsh
	{"brace-close", "}"},                       //
	{"brace-half", "a{b"},                      //
	{"caret", "^a"},                            // zsh extendedglob negation
	{"caret-hist", "^a^b"},                     // quick substitution in interactive bash
	{"bang", "!"},                              // history expansion, negation
	{"bang-word", "!ls"},                       // history expansion
	{"bang-dq", "a\"!\"b"},                     // history expansion inside double quotes
	{"star", "*"},                              // glob
	{"question", "?"},                          // glob
	{"bracket", "[ab]"},                        // glob
	{"bracket-neg", "[!a]"},                    // glob
	{"extglob", "@(a)"},                        // ksh/extglob pattern
	{"extglob-plus", "+(a|b)"},                 // ksh/extglob pattern
	{"dollar", "$HOME"},                        // parameter expansion
	{"dollar-brace", "${HOME}"},                // parameter expansion
	{"cmdsubst", "$(id)"},                      // command substitution
	{"backtick", "`id`"},                       // command substitution
	{"arith", "$((1+1))"},                      // arithmetic expansion
	{"dollar-sq", "$'a'"},                      // ANSI-C quoting
	{"dollar-dq", "$\"a\""},                    // locale translation
	{"semicolon", "a;id"},                      // command separator
	{"pipe", "a|id"},                           // pipeline
	{"amp", "a&id"},                            // background
	{"redirect", ">f"},                         // redirection
	{"heredoc", "<<E"},                         // here-document
	{"procsubst", "<(id)"},                     // process substitution
	{"paren", "(a)"},                           // subshell
	{"squote", "'"},                            // the quote itself
	{"squotes", "''"},                          // rcquotes
	{"its", "it's"},                            //
	{"dquote", "\""},                           //
	{"backslash", "\\"},                        //
	{"backslash-n", "\\n"},                     //
	{"newline", "a\nb"},                        // ends a command
	{"cr", "a\rb"},                             // vanishes in fish; line editor
	{"tab", "a\tb"},                            // IFS
	{"ctrl-u", "a\x15b"},                       // kills the line in a line editor
	{"ctrl-a", "\x01"},                         // moves the cursor in a line editor
	{"esc", "\x1b[31m"},                        // terminal escape
	{"del", "\x7f"},                            // DEL
	{"nl-caret", "x\n^a^b"},                    // quick substitution after a newline
	{"percent", "%self"},                       // fish PID expansion
	{"percent-mid", "a%b"},                     //
	{"dash", "-x"},                             // option-shaped: quoting keeps it one word
	{"dashdash", "--"},                         //
	{"dot", "."},                               //
	{"reserved", "if"},                         // reserved word
	{"lbrackets", "[["},                        // reserved word
	{"utf8", "naïve café ☕"},                   // valid multi-byte
	{"u2028", "a\u2028b"},                      // vanishes in fish
	{"nbsp", "\u00a0"},                         // invisible space
	{"zwsp", "\u200b"},                         // default-ignorable
	{"bidi", "a\u202eb"},                       // Trojan Source
	{"mark-on-quote", "'\u0338"},               // a combining mark would draw over a quote
	{"mark-on-letter", "e\u0301"},              // a combining mark on a letter is text
	{"mark-alone", "\u0301\u0301"},             // nothing to rest on
	{"fish-pua", "\uf600\uf641"},               // fish's internal raw-byte range
	{"invalid", "\x80"},                        // invalid UTF-8
	{"invalid-mix", "a\xffb\xc3"},              // invalid UTF-8
	{"high-squote", "\x81'"},                   // GBK lead byte before '
	{"high-backslash", "\x81\\"},               // GBK lead byte before \
	{"high-semicolon", "\x81;id"},              // GBK lead byte before ;
	{"high-backtick", "\x81`id`"},              // GBK lead byte before `
	{"high-cmdsubst", "\x81$(id)"},             // GBK lead byte before $(
	{"euro-semicolon", "€;id"},                 // bash: €\;id runs id in GBK
	{"euro-squote", "€';echo X;#\xff"},         // bash: $'€\';…' runs echo X in GBK
	{"euro-ctrl", "€\x01"},                     // escape after a raw high byte in $'…'
	{"sjis-5c", "\x95\\"},                      // Shift_JIS: 0x5C is a trail byte
	{"big5-5c", "\xa5\\'"},                     // Big5: 0x5C is a trail byte
	{"long-quotes", "''''''''"},                //
	{"mixed", "a b'c\"d$e`f\\g*h?i[j]k{l}m~n"}, //
}
