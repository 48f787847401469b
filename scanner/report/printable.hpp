// The one gate between a device-supplied string and a human's eyes (terminal, text, diff,
// explain, policies, HTML): every control, line break and bidi override shown as an escape.
#pragma once
#include <string>
#include <string_view>

namespace camaudit::report {

// Text that came off the network made safe to show a person. Kept as is: printable ASCII
// and valid UTF-8 outside the sets below. Made visible:
//   C0 controls (TAB, LF, CR and ESC included) and DEL        -> \x09, \x0a, \x1b, \x7f
//   C1 controls U+0080-U+009F (NEL among them)                -> \u0085
//   bidi controls U+061C, U+200E/F, U+202A-E, U+2066-9 and
//   the line/paragraph separators U+2028/9                    -> \u202e
//   each byte of invalid UTF-8 (overlong, surrogate, >U+10FFFF, cut short) -> \xc2
// So a device can never start a line of its own, overwrite one with CR, recolour the
// screen or reorder what a reader sees. A TAB is escaped too: it would shift columns.
std::string printable(std::string_view text);

}  // namespace camaudit::report
