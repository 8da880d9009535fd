/* VARIANTs: init, clear, copy, and VariantChangeType between integers,
 * reals, VT_BOOL, VT_BSTR, VT_EMPTY and VT_NULL. */
#include <windows.h>
#include <oleauto.h>
#include <wchar.h>

#include "vinetest.h"

static HRESULT change(VARIANT *out, VARIANT *in, VARTYPE vt)
{
    VariantInit(out);
    return VariantChangeType(out, in, 0, vt);
}

int main(void)
{
    VARIANT a, b;
    HRESULT hr;

    VariantInit(&a);
    ok(V_VT(&a) == VT_EMPTY, "VariantInit gives VT_EMPTY");

    V_VT(&a) = VT_BSTR;
    V_BSTR(&a) = SysAllocString(L"text");
    VariantInit(&b);
    ok(VariantCopy(&b, &a) == S_OK && V_VT(&b) == VT_BSTR, "VariantCopy of a BSTR");
    ok(V_BSTR(&b) != V_BSTR(&a) && !wcscmp(V_BSTR(&b), L"text"), "makes a new BSTR with the same text");
    ok(VariantClear(&b) == S_OK && V_VT(&b) == VT_EMPTY, "VariantClear frees it and leaves VT_EMPTY");

    /* Integers between types. */
    V_VT(&a) = VT_I4; V_I4(&a) = 300;
    ok(change(&b, &a, VT_I2) == S_OK && V_VT(&b) == VT_I2 && V_I2(&b) == 300, "I4 300 -> I2");
    ok(change(&b, &a, VT_UI1) == DISP_E_OVERFLOW, "I4 300 -> UI1 overflows");
    V_I4(&a) = -1;
    ok(change(&b, &a, VT_UI4) == DISP_E_OVERFLOW, "I4 -1 -> UI4 overflows");
    ok(change(&b, &a, VT_I8) == S_OK && V_I8(&b) == -1, "I4 -1 -> I8");
    V_VT(&a) = VT_I8; V_I8(&a) = 5000000000LL;
    ok(change(&b, &a, VT_I4) == DISP_E_OVERFLOW, "I8 5e9 -> I4 overflows");
    ok(change(&b, &a, VT_R8) == S_OK && V_R8(&b) == 5e9, "I8 5e9 -> R8");

    /* Reals round half to even. */
    V_VT(&a) = VT_R8; V_R8(&a) = 2.5;
    ok(change(&b, &a, VT_I4) == S_OK && V_I4(&b) == 2, "R8 2.5 -> I4 2: %ld", V_I4(&b));
    V_R8(&a) = 3.5;
    ok(change(&b, &a, VT_I4) == S_OK && V_I4(&b) == 4, "R8 3.5 -> I4 4");
    V_R8(&a) = -2.5;
    ok(change(&b, &a, VT_I2) == S_OK && V_I2(&b) == -2, "R8 -2.5 -> I2 -2");
    V_R8(&a) = 1e300;
    ok(change(&b, &a, VT_R4) == DISP_E_OVERFLOW, "R8 1e300 -> R4 overflows");
    V_R8(&a) = 0.5;
    ok(change(&b, &a, VT_R4) == S_OK && V_R4(&b) == 0.5f, "R8 0.5 -> R4");

    /* Booleans are 0 and -1. */
    V_VT(&a) = VT_I4; V_I4(&a) = 7;
    ok(change(&b, &a, VT_BOOL) == S_OK && V_BOOL(&b) == VARIANT_TRUE, "I4 7 -> BOOL is VARIANT_TRUE");
    V_VT(&a) = VT_BOOL; V_BOOL(&a) = VARIANT_TRUE;
    ok(change(&b, &a, VT_I4) == S_OK && V_I4(&b) == -1, "BOOL true -> I4 -1");
    ok(change(&b, &a, VT_UI1) == DISP_E_OVERFLOW, "BOOL true -> UI1 overflows");

    /* Text. */
    V_VT(&a) = VT_I4; V_I4(&a) = -42;
    ok(change(&b, &a, VT_BSTR) == S_OK && !wcscmp(V_BSTR(&b), L"-42"), "I4 -42 -> BSTR");
    VariantClear(&b);
    V_VT(&a) = VT_R8; V_R8(&a) = 1.5;
    ok(change(&b, &a, VT_BSTR) == S_OK && !wcscmp(V_BSTR(&b), L"1.5"), "R8 1.5 -> BSTR: %ls", V_BSTR(&b));
    VariantClear(&b);
    V_VT(&a) = VT_BSTR; V_BSTR(&a) = SysAllocString(L" 123 ");
    ok(change(&b, &a, VT_I4) == S_OK && V_I4(&b) == 123, "BSTR \" 123 \" -> I4 123");
    ok(change(&b, &a, VT_R8) == S_OK && V_R8(&b) == 123.0, "-> R8");
    SysFreeString(V_BSTR(&a));
    V_BSTR(&a) = SysAllocString(L"2.5e1");
    ok(change(&b, &a, VT_R8) == S_OK && V_R8(&b) == 25.0, "BSTR 2.5e1 -> R8 25");
    SysFreeString(V_BSTR(&a));
    V_BSTR(&a) = SysAllocString(L"abc");
    ok(change(&b, &a, VT_I4) == DISP_E_TYPEMISMATCH, "BSTR abc -> I4 is a type mismatch");
    SysFreeString(V_BSTR(&a));
    V_BSTR(&a) = SysAllocString(L"True");
    ok(change(&b, &a, VT_BOOL) == S_OK && V_BOOL(&b) == VARIANT_TRUE, "BSTR True -> BOOL");
    /* In place: the BSTR is freed and replaced by the number. */
    SysFreeString(V_BSTR(&a));
    V_BSTR(&a) = SysAllocString(L"99");
    ok(VariantChangeType(&a, &a, 0, VT_UI2) == S_OK && V_VT(&a) == VT_UI2 && V_UI2(&a) == 99, "in place");

    /* EMPTY and NULL. */
    VariantInit(&a);
    ok(change(&b, &a, VT_I4) == S_OK && V_I4(&b) == 0, "EMPTY -> I4 0");
    ok(change(&b, &a, VT_BSTR) == S_OK && V_BSTR(&b) && SysStringLen(V_BSTR(&b)) == 0, "EMPTY -> empty BSTR");
    VariantClear(&b);
    V_VT(&a) = VT_NULL;
    ok(change(&b, &a, VT_I4) == DISP_E_TYPEMISMATCH, "NULL -> I4 is a type mismatch");
    ok(change(&b, &a, VT_NULL) == S_OK && V_VT(&b) == VT_NULL, "NULL -> NULL");
    V_VT(&a) = VT_I4; V_I4(&a) = 1;
    ok(change(&b, &a, VT_EMPTY) == S_OK && V_VT(&b) == VT_EMPTY, "I4 -> EMPTY");

    V_VT(&a) = 0x7ff;
    ok(VariantClear(&a) == DISP_E_BADVARTYPE, "VariantClear of a bad type");
    V_VT(&a) = VT_I4;
    hr = change(&b, &a, (VARTYPE)0x7ff);
    ok(hr == DISP_E_BADVARTYPE, "change to a bad type: %#lx", (unsigned long)hr);
    return vt_summary();
}
