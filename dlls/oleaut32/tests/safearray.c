/* SafeArrays: create (one and two dimensions), bounds, access and lock
 * counts, elements of numbers, BSTRs and VARIANTs, copy and destroy. */
#include <windows.h>
#include <oleauto.h>
#include <wchar.h>

#include "vinetest.h"

int main(void)
{
    SAFEARRAYBOUND bounds[2] = {{3, 1}, {4, -2}};
    SAFEARRAY *array, *copy;
    LONG index[2], lower, upper, value, *data;
    VARTYPE vt;
    BSTR text;
    VARIANT item, got;

    array = SafeArrayCreate(VT_I4, 2, bounds);
    ok(array != NULL, "SafeArrayCreate(VT_I4, 2 dimensions)");
    ok(SafeArrayGetDim(array) == 2 && SafeArrayGetElemsize(array) == 4, "2 dimensions of 4-byte elements");
    ok(array->rgsabound[0].cElements == 4 && array->rgsabound[1].cElements == 3,
       "the bounds are stored last dimension first");
    ok(SafeArrayGetLBound(array, 1, &lower) == S_OK && lower == 1, "dimension 1 starts at 1");
    ok(SafeArrayGetUBound(array, 1, &upper) == S_OK && upper == 3, "and ends at 3");
    ok(SafeArrayGetLBound(array, 2, &lower) == S_OK && lower == -2, "dimension 2 starts at -2");
    ok(SafeArrayGetUBound(array, 2, &upper) == S_OK && upper == 1, "and ends at 1");
    ok(SafeArrayGetLBound(array, 3, &lower) == DISP_E_BADINDEX, "there is no dimension 3");
    ok(SafeArrayGetVartype(array, &vt) == S_OK && vt == VT_I4, "SafeArrayGetVartype");

    index[0] = 2; index[1] = -1;
    value = 77;
    ok(SafeArrayPutElement(array, index, &value) == S_OK, "put (2, -1)");
    value = 0;
    ok(SafeArrayGetElement(array, index, &value) == S_OK && value == 77, "get it back");
    ok(SafeArrayAccessData(array, (void **)&data) == S_OK && array->cLocks == 1, "access locks the array");
    /* The first dimension varies fastest: (2,-1) is cell (2-1) + (-1+2)*3 = 4. */
    ok(data[4] == 77, "the element's place in the data");
    ok(SafeArrayDestroy(array) == DISP_E_ARRAYISLOCKED, "a locked array cannot be destroyed");
    ok(SafeArrayUnaccessData(array) == S_OK && array->cLocks == 0, "unaccess unlocks");
    ok(SafeArrayUnaccessData(array) == E_UNEXPECTED, "unlocking more than locked");
    index[0] = 4;
    ok(SafeArrayGetElement(array, index, &value) == DISP_E_BADINDEX, "index 4 is past dimension 1");
    ok(SafeArrayDestroy(array) == S_OK, "destroy");

    array = SafeArrayCreateVector(VT_BSTR, 0, 2);
    ok(array && SafeArrayGetDim(array) == 1 && (array->fFeatures & FADF_BSTR), "a vector of BSTRs");
    text = SysAllocString(L"first");
    index[0] = 0;
    ok(SafeArrayPutElement(array, index, text) == S_OK, "put a BSTR");
    ok(((BSTR *)array->pvData)[0] != text, "the array keeps its own copy");
    SysFreeString(text);
    text = NULL;
    ok(SafeArrayGetElement(array, index, &text) == S_OK && text && !wcscmp(text, L"first"), "get a copy back");
    SysFreeString(text);
    ok(SafeArrayCopy(array, &copy) == S_OK && copy, "SafeArrayCopy");
    ok(((BSTR *)copy->pvData)[0] != ((BSTR *)array->pvData)[0]
       && !wcscmp(((BSTR *)copy->pvData)[0], L"first"), "copies the strings");
    ok(SafeArrayDestroy(copy) == S_OK && SafeArrayDestroy(array) == S_OK, "destroy both");

    array = SafeArrayCreateVector(VT_VARIANT, 5, 1);
    ok(array != NULL && SafeArrayGetElemsize(array) == sizeof(VARIANT), "a vector of VARIANTs");
    V_VT(&item) = VT_BSTR;
    V_BSTR(&item) = SysAllocString(L"inside");
    index[0] = 5;
    ok(SafeArrayPutElement(array, index, &item) == S_OK, "put a VARIANT");
    VariantClear(&item);
    VariantInit(&got);
    ok(SafeArrayGetElement(array, index, &got) == S_OK && V_VT(&got) == VT_BSTR && !wcscmp(V_BSTR(&got), L"inside"),
       "get it back");
    VariantClear(&got);
    V_VT(&item) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(&item) = array;
    ok(VariantCopy(&got, &item) == S_OK && V_ARRAY(&got) != array, "VariantCopy of an array copies the array");
    ok(VariantClear(&got) == S_OK, "VariantClear destroys the copy");
    ok(VariantClear(&item) == S_OK, "and the original");

    ok(SafeArrayCreate(VT_I4, 0, bounds) == NULL, "no dimensions: NULL");
    ok(SafeArrayCreate(VT_EMPTY, 1, bounds) == NULL, "VT_EMPTY elements: NULL");
    ok(SafeArrayDestroy(NULL) == S_OK, "destroying NULL succeeds");
    return vt_summary();
}
