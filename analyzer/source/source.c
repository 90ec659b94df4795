// source.c: file reading and the line index. Reading opens with O_NONBLOCK and checks the
// opened descriptor with fstat, so a FIFO or device never blocks the run and a file
// swapped between listing and reading is judged by what was actually opened.
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "base/array.h"

TxLang tx_source_lang_of(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return TX_LANG_NONE;
  static const struct {
    const char *ext;
    TxLang lang;
  } map[] = {{".ts", TX_LANG_TS},   {".mts", TX_LANG_TS},  {".cts", TX_LANG_TS},
             {".tsx", TX_LANG_TSX}, {".js", TX_LANG_JS},   {".mjs", TX_LANG_JS},
             {".cjs", TX_LANG_JS},  {".jsx", TX_LANG_JSX}, {".sql", TX_LANG_SQL}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
    if (strcmp(dot, map[i].ext) == 0) {
      // "x.d.ts" declaration files hold no code worth analysing.
      if (map[i].lang == TX_LANG_TS && dot - path >= 2 && strncmp(dot - 2, ".d", 2) == 0)
        return TX_LANG_NONE;
      return map[i].lang;
    }
  }
  return TX_LANG_NONE;
}

const char *tx_lang_name(TxLang lang) {
  switch (lang) {
  case TX_LANG_TS:
    return "typescript";
  case TX_LANG_TSX:
    return "tsx";
  case TX_LANG_JS:
    return "javascript";
  case TX_LANG_JSX:
    return "jsx";
  case TX_LANG_SQL:
    return "sql";
  case TX_LANG_NONE:
    break;
  }
  return "none";
}

// UTF-16 code units for the bytes [from, to): a 4-byte sequence is a surrogate pair, every
// other lead byte one unit, continuation bytes none. Invalid bytes count as one unit each
// (they are shown as U+FFFD).
static uint32_t utf16_units(const char *p, uint32_t from, uint32_t to) {
  uint32_t units = 0;
  for (uint32_t i = from; i < to; i++) {
    unsigned char c = (unsigned char)p[i];
    if ((c & 0xC0) == 0x80)
      continue;
    units += (c >= 0xF0 && c <= 0xF4) ? 2 : 1;
  }
  return units;
}

// True when no byte has the high bit set (checked a word at a time).
static bool all_ascii(const char *p, uint32_t n) {
  uint32_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; i++)
    acc |= (unsigned char)p[i];
  return (acc & 0x8080808080808080ull) == 0;
}

void tx_source_index_lines(TxSource *src, TxArena *a) {
  const char *t = src->text;
  uint32_t len = src->len;
  bool cr = len && memchr(t, '\r', len) != NULL;
  uint32_t count = 1;
  if (!cr) { // the common case: only '\n' ends lines
    for (const char *q = t; len && (q = memchr(q, '\n', len - (uint32_t)(q - t))) != NULL; q++)
      count++;
  } else {
    for (uint32_t i = 0; i < len; i++) {
      char c = t[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= len || t[i + 1] != '\n')))
        count++;
    }
  }
  uint32_t *lines = TX_ARENA_ARRAY(a, uint32_t, count);
  uint32_t n = 0;
  lines[n++] = 0;
  if (!cr) {
    for (const char *q = t; len && (q = memchr(q, '\n', len - (uint32_t)(q - t))) != NULL; q++)
      lines[n++] = (uint32_t)(q - t) + 1;
  } else {
    for (uint32_t i = 0; i < len; i++) {
      char c = t[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= len || t[i + 1] != '\n')))
        lines[n++] = i + 1;
    }
  }
  src->lines = lines;
  src->line_count = count;
  src->has_bom = len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0;
  src->ascii = all_ascii(t, len);
  src->utf16_blocks = NULL;
  if (src->ascii)
    return; // a column is a byte count: no checkpoints needed
  uint32_t blocks = len / TX_UTF16_BLOCK + 1;
  src->utf16_blocks = TX_ARENA_ARRAY(a, uint32_t, blocks);
  uint32_t units = 0;
  for (uint32_t b = 0; b < blocks; b++) {
    src->utf16_blocks[b] = units;
    uint64_t end = (uint64_t)(b + 1) * TX_UTF16_BLOCK;
    units += utf16_units(t, b * TX_UTF16_BLOCK, end < len ? (uint32_t)end : len);
  }
}

// UTF-16 units in text[0, offset), from the checkpoints. The count is a sum over bytes, so
// a block boundary may fall inside a character.
static uint32_t units_before(const TxSource *src, const char *text, uint32_t offset) {
  uint32_t b = offset / TX_UTF16_BLOCK;
  return src->utf16_blocks[b] + utf16_units(text, b * TX_UTF16_BLOCK, offset);
}

struct TxSourceReload {
  char *text; // NULL when it could not be read back
  bool tried;
};

void tx_source_fini(TxSource *src) {
  free(src->heap);
  if (src->reload) {
    free(src->reload->text);
    free(src->reload);
  }
  src->heap = NULL;
  src->reload = NULL;
  src->text = NULL;
}

void tx_source_drop_text(TxSource *src) {
  if (!src->heap || src->text != src->heap)
    return; // arena or static text: nothing to gain
  if (!src->hashed) {
    src->hash = XXH3_64bits(src->text, src->len);
    src->hashed = true;
  }
  free(src->heap);
  src->heap = NULL;
  src->text = NULL;
  src->reload = tx_xcalloc(1, sizeof *src->reload);
}

const char *tx_source_text(const TxSource *src) {
  if (src->text || !src->reload)
    return src->text;
  struct TxSourceReload *r = src->reload; // filled on first use
  if (!r->tried) {
    r->tried = true;
    const char *why = NULL;
    uint32_t len = 0;
    uint64_t max = src->from_utf16 ? tx_utf16_max_bytes(src->len) : (uint64_t)src->len;
    r->text = tx_source_read_heap(src->abs_path.ptr, max, &len, &why);
    if (r->text && src->from_utf16 && tx_source_decode_utf16(&r->text, &len) == TX_UTF16_NONE) {
      free(r->text); // no longer UTF-16: changed since it was analysed
      r->text = NULL;
    }
    if (r->text && (len != src->len || XXH3_64bits(r->text, len) != src->hash)) {
      free(r->text); // changed since it was analysed: positions would be wrong
      r->text = NULL;
    }
  }
  return r->text;
}

bool tx_source_restore(TxSource *src) {
  if (src->text)
    return true;
  if (!src->reload || !tx_source_text(src))
    return false;
  src->heap = src->reload->text;
  src->text = src->heap;
  free(src->reload);
  src->reload = NULL;
  return true;
}

TxPos tx_source_pos(const TxSource *src, uint32_t offset) {
  if (offset > src->len)
    offset = src->len;
  uint32_t lo = tx_u32_floor(src->lines, src->line_count, offset); // the offset's line
  uint32_t start = src->lines[lo];
  // A leading BOM is not a column.
  if (lo == 0 && src->has_bom && offset >= 3)
    start = 3;
  TxPos pos;
  pos.line = lo + 1;
  pos.byte_col = offset - start + 1;
  const char *text = offset > start && !src->ascii ? tx_source_text(src) : NULL;
  if (!text) // ASCII, no text to count UTF-16 units in, or nothing to count
    pos.col = pos.byte_col;
  else
    pos.col = (src->utf16_blocks ? units_before(src, text, offset) - units_before(src, text, start)
                                 : utf16_units(text, start, offset)) +
              1;
  return pos;
}

TxStr tx_source_line(const TxSource *src, uint32_t line) {
  if (line == 0 || line > src->line_count)
    return (TxStr){"", 0};
  const char *text = tx_source_text(src);
  if (!text)
    return (TxStr){"", 0};
  uint32_t start = src->lines[line - 1];
  uint32_t end = line < src->line_count ? src->lines[line] : src->len;
  while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
    end--;
  return (TxStr){text + start, end - start};
}

bool tx_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    size_t extra;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= n)
      return false;
    for (size_t k = 1; k <= extra; k++) {
      if ((p[i + k] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

static char *read_file(const char *path, TxArena *a, uint64_t max_bytes, uint32_t *len,
                       const char **why) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *why = errno == ENOENT   ? "no such file"
           : errno == EACCES ? "permission denied"
           : errno == ELOOP  ? "too many levels of symbolic links"
                             : strerror(errno);
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *why = strerror(errno);
    close(fd);
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    *why = "is a directory";
    close(fd);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    *why = "not a regular file";
    close(fd);
    return NULL;
  }
  if ((uint64_t)st.st_size > max_bytes || (uint64_t)st.st_size >= UINT32_MAX) {
    *why = "larger than the maximum file size";
    close(fd);
    return NULL;
  }
  size_t cap = (size_t)st.st_size;
  char *buf = a ? tx_arena_alloc(a, cap + 1) : tx_xmalloc(cap + 1);
  size_t got = 0;
  while (got < cap) {
    ssize_t r = read(fd, buf + got, cap - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      *why = strerror(errno);
      close(fd);
      if (!a)
        free(buf);
      return NULL;
    }
    if (r == 0)
      break; // the file shrank while we read it: use what is there
    got += (size_t)r;
  }
  close(fd);
  buf[got] = '\0';
  *len = (uint32_t)got;
  return buf;
}

bool tx_source_read_file(const char *path, TxArena *a, uint64_t max_bytes, const char **text,
                         uint32_t *len, const char **why) {
  char *buf = read_file(path, a, max_bytes, len, why);
  if (buf)
    *text = buf;
  return buf != NULL;
}

char *tx_source_read_heap(const char *path, uint64_t max_bytes, uint32_t *len, const char **why) {
  return read_file(path, NULL, max_bytes, len, why);
}

TxUtf16 tx_source_decode_utf16(char **text, uint32_t *len) {
  const unsigned char *in = (const unsigned char *)*text;
  bool le = *len >= 2 && in[0] == 0xFF && in[1] == 0xFE;
  bool be = *len >= 2 && in[0] == 0xFE && in[1] == 0xFF;
  // Each 2-byte unit becomes at most 3 bytes (a surrogate pair, 4 bytes, becomes 4), and an
  // odd final byte one U+FFFD: the output is bounded by 3/2 of the input plus 3.
  uint64_t cap = (uint64_t)(*len) / 2 * 3 + 4;
  if ((!le && !be) || cap >= UINT32_MAX)
    return TX_UTF16_NONE;
  iconv_t cd = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
  if ((intptr_t)cd == -1) // iconv_open's (iconv_t)-1: glibc always has these converters;
    return TX_UTF16_NONE; // without them the file stays binary
  char *out = tx_xmalloc((size_t)cap);
  char *src = *text + 2, *dst = out;
  size_t left = *len - 2, room = (size_t)cap - 1;
  bool invalid = false;
  while (left > 0) {
    if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
      break;
    // EILSEQ: an unpaired surrogate; EINVAL: a final odd byte or a pair cut short. Either
    // way one unit (or the odd byte) becomes U+FFFD and decoding goes on after it. E2BIG
    // cannot happen (the buffer has the bound above).
    size_t skip = left >= 2 ? 2 : left;
    if (room < 3 || errno == E2BIG)
      break;
    memcpy(dst, "\xEF\xBF\xBD", 3);
    dst += 3;
    room -= 3;
    src += skip;
    left -= skip;
    invalid = true;
    iconv(cd, NULL, NULL, NULL, NULL); // reset the shift state after the error
  }
  iconv_close(cd);
  *dst = '\0';
  free(*text);
  *text = out;
  *len = (uint32_t)(dst - out);
  return invalid ? TX_UTF16_INVALID : TX_UTF16_DECODED;
}
