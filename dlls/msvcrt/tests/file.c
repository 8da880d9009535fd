/* fopen/fread/fwrite/fclose in text and binary mode; sizes on disk checked
 * exactly. Text mode writes "\n" as "\r\n" and reads "\r\n" back as "\n". */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <windows.h>
#include "vinetest.h"

static long disk_size(const char *name)
{
    struct _stat st;
    if (_stat(name, &st) != 0) return -1;
    return (long)st.st_size;
}

static int read_raw(const char *name, char *buf, int size)
{
    FILE *f = fopen(name, "rb");
    int n;
    if (!f) return -1;
    n = (int)fread(buf, 1, size, f);
    fclose(f);
    return n;
}

int main(void)
{
    char buf[256];
    FILE *f;
    size_t n;
    int c;
    long pos;

    /* text mode write */
    f = fopen("text.txt", "w");
    ok(f != NULL, "fopen(text.txt, w)");
    n = fwrite("line1\nline2\n", 1, 12, f);
    ok(n == 12, "fwrite text returns 12 (%u)", (unsigned)n);
    fputs("x\n", f);
    ok(fclose(f) == 0, "fclose");
    ok(disk_size("text.txt") == 17, "text file is 17 bytes on disk (%ld)", disk_size("text.txt"));
    n = read_raw("text.txt", buf, sizeof(buf));
    ok(n == 17 && memcmp(buf, "line1\r\nline2\r\nx\r\n", 17) == 0, "text file has CRLF line ends");

    /* text mode read translates CRLF */
    f = fopen("text.txt", "r");
    ok(f != NULL, "fopen(text.txt, r)");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 14 && memcmp(buf, "line1\nline2\nx\n", 14) == 0, "text read gives 14 bytes with LF (%u)", (unsigned)n);
    ok(feof(f), "feof after short read");
    rewind(f);
    ok(fgets(buf, sizeof(buf), f) && strcmp(buf, "line1\n") == 0, "fgets reads line1\\n");
    ok(fgetc(f) == 'l', "fgetc");
    fclose(f);

    /* binary mode: bytes unchanged */
    f = fopen("bin.dat", "wb");
    ok(f != NULL, "fopen(bin.dat, wb)");
    {
        unsigned char data[300];
        int i;
        for (i = 0; i < 300; i++) data[i] = (unsigned char)i;
        n = fwrite(data, 1, 300, f);
        ok(n == 300, "fwrite binary 300");
    }
    fputs("a\nb\n", f);
    fclose(f);
    ok(disk_size("bin.dat") == 304, "binary file is 304 bytes (%ld)", disk_size("bin.dat"));
    f = fopen("bin.dat", "rb");
    ok(f != NULL, "fopen(bin.dat, rb)");
    ok(fseek(f, 0, SEEK_END) == 0 && ftell(f) == 304, "fseek/ftell end = 304");
    ok(fseek(f, 10, SEEK_SET) == 0 && fgetc(f) == 10, "fseek to 10 reads byte 10");
    ok(fseek(f, -4, SEEK_END) == 0 && fread(buf, 1, 10, f) == 4 && memcmp(buf, "a\nb\n", 4) == 0,
       "last 4 bytes are a\\nb\\n");
    c = fgetc(f);
    ok(c == EOF && feof(f), "EOF at end");
    fclose(f);

    /* text-mode read of a file containing a lone LF and a CR LF */
    f = fopen("mixed.txt", "wb");
    fwrite("a\nb\r\nc\rd", 1, 8, f);
    fclose(f);
    f = fopen("mixed.txt", "rt");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 7 && memcmp(buf, "a\nb\nc\rd", 7) == 0, "text read of mixed line ends (%u)", (unsigned)n);
    fclose(f);

    /* Ctrl-Z ends a text-mode read */
    f = fopen("ctrlz.txt", "wb");
    fwrite("ab\x1a" "cd", 1, 5, f);
    fclose(f);
    f = fopen("ctrlz.txt", "r");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 2 && memcmp(buf, "ab", 2) == 0, "text read stops at Ctrl-Z (%u)", (unsigned)n);
    fclose(f);
    f = fopen("ctrlz.txt", "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 5, "binary read passes Ctrl-Z (%u)", (unsigned)n);
    fclose(f);

    /* append mode */
    f = fopen("text.txt", "a");
    fputs("y\n", f);
    fclose(f);
    ok(disk_size("text.txt") == 20, "append adds 3 bytes (%ld)", disk_size("text.txt"));

    /* "r+" update and ftell in text mode */
    f = fopen("text.txt", "r+");
    ok(f != NULL, "fopen r+");
    ok(fgets(buf, sizeof(buf), f) != NULL, "fgets");
    pos = ftell(f);
    ok(pos == 7, "ftell after first text line counts the CR (%ld)", pos);
    fclose(f);

    /* low-level io */
    c = _open("low.bin", _O_CREAT | _O_WRONLY | _O_BINARY | _O_TRUNC, _S_IREAD | _S_IWRITE);
    ok(c >= 0, "_open");
    ok(_write(c, "12345", 5) == 5, "_write");
    ok(_lseek(c, 0, SEEK_END) == 5, "_lseek");
    ok(_close(c) == 0, "_close");
    c = _open("low.bin", _O_RDONLY | _O_BINARY);
    ok(c >= 0 && _read(c, buf, 100) == 5 && _filelength(c) == 5, "_read and _filelength");
    _close(c);

    /* errors */
    errno = 0;
    f = fopen("does-not-exist.txt", "r");
    ok(f == NULL && errno == ENOENT, "fopen of a missing file: NULL, ENOENT (%d)", errno);

    /* remove and rename */
    ok(rename("bin.dat", "renamed.dat") == 0, "rename");
    ok(disk_size("bin.dat") == -1 && disk_size("renamed.dat") == 304, "renamed file keeps its size");
    ok(remove("renamed.dat") == 0, "remove");
    ok(GetFileAttributesA("renamed.dat") == INVALID_FILE_ATTRIBUTES, "file is gone");
    remove("text.txt");
    remove("mixed.txt");
    remove("ctrlz.txt");
    remove("low.bin");

    /* tmpfile */
    f = tmpfile();
    ok(f != NULL, "tmpfile");
    if (f) {
        fputs("temp\n", f);
        rewind(f);
        ok(fgets(buf, sizeof(buf), f) && !strcmp(buf, "temp\n"), "tmpfile round trip");
        fclose(f);
    }

    return vt_summary();
}
