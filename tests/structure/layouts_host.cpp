// Prints Vine's layouts of the structures in layouts.h (compared with
// mingw-w64's by layouts.sh).
#include "vine/cdrom.h"
#include "vine/com.h"
#include "vine/context.h"
#include "vine/heap.h"
#include "vine/kernel32_exports.h"
#include "vine/memory.h"
#include "vine/nls.h"
#include "vine/nt_file.h"
#include "vine/nt_process.h"
#include "vine/nt_system.h"
#include "vine/oleauto.h"
#include "vine/time_zone.h"
#include "vine/toolhelp.h"
#include "vine/winnls.h"
#include "vine/kernel32_file_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/parallel.h"
#include "vine/pe_format.h"
#include "vine/registry.h"
#include "vine/credential.h"
#include "vine/security.h"
#include "vine/security_descriptor.h"
#include "vine/serial.h"
#include "vine/shell.h"
#include "vine/teb.h"
#include "vine/user_shared_data.h"
#include "vine/wintypes.h"

#include "layout_print.h"

// Some of Vine's declarations live in namespaces; the names are Windows'.
using namespace vine::nt;
using namespace winnls;

#define LAYOUT_W LAYOUT
#define LAYOUT_D LAYOUT
#define FIELDS_W FIELDS
#define SIZE_W SIZE

int main() {
#include "layouts.h"
    return 0;
}
