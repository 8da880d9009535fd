/* Prints mingw-w64's layouts of the structures in layouts.h: built twice,
 * with LAYOUT_GROUP_DDK (the driver kit's headers, which cannot be included
 * with <windows.h>) and without. */
#ifdef LAYOUT_GROUP_DDK
#include <ddk/wdm.h>
#include <ddk/ntifs.h> /* the pipe and completion classes; needs the ddk folder on the include path */
#define LAYOUT_W(...)
#define FIELDS_W(...)
#define SIZE_W(...)
#define LAYOUT_D LAYOUT
#else
#include <windows.h>
#include <winternl.h>
#include <psapi.h>
#include <tlhelp32.h>
#include <oleauto.h>
#include <wincred.h>
#include <aclapi.h>
#include <ntddcdrm.h>
#include <ntddpar.h>
#define LAYOUT_W LAYOUT
#define FIELDS_W FIELDS
#define SIZE_W SIZE
#define LAYOUT_D(...)
#endif

#include "layout_print.h"

int main(void)
{
#include "layouts.h"
    return 0;
}
