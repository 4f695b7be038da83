/*
 * TEST-ONLY shim for Wine 8.0, never shipped: Rust's std (1.78+) imports
 * ProcessPrng from bcryptprimitives.dll for its random numbers, and Wine 8.0
 * has no such export. scripts/test-windows.sh builds this with MinGW into the
 * test Wine prefix's system32. Real Windows 10+ has the real DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
