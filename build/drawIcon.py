# Draws build/icon.png (run: python3 build/drawIcon.py): a navy tile, a cream archive folder with a tab, ruled record lines and a red seal.
import math, os, struct, zlib
N = 512
S = 3  # supersampling per axis

def rrect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1: return False
    cx = min(max(x, x0 + r), x1 - r); cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def star(cx, cy, outer, inner):
    pts = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts

def inside(poly, x, y):
    hit = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]; xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi: hit = not hit
        j = i
    return hit

STAR = star(360, 374, 40, 16)

def shade(x, y):
    # background tile with a soft vertical gradient
    if not rrect(x, y, 16, 16, 496, 496, 96): return None
    t = y / N
    col = (int(22 + 18 * t), int(52 + 22 * t), int(104 + 30 * t))
    # folder back (tab)
    if rrect(x, y, 92, 118, 250, 190, 18): col = (214, 186, 120)
    # folder body
    if rrect(x, y, 92, 150, 420, 410, 22): col = (238, 214, 156)
    # paper sheet peeking out
    if rrect(x, y, 118, 136, 394, 176, 8) and y < 160: col = (252, 250, 244)
    # ruled lines (records in the dossier)
    for i, ly in enumerate((222, 262, 302)):
        w = 250 if i < 2 else 170
        if rrect(x, y, 132, ly, 132 + w, ly + 14, 7): col = (120, 98, 60)
    # red seal, bottom right
    d = math.hypot(x - 360, y - 370)
    if d <= 78:
        col = (196, 32, 38)
        if 56 <= d <= 64: col = (250, 236, 230)
        if inside(STAR, x, y): col = (250, 236, 230)
    return col

rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        r = g = b = a = 0
        for sy in range(S):
            for sx in range(S):
                c = shade(px + (sx + 0.5) / S, py + (sy + 0.5) / S)
                if c is not None:
                    r += c[0]; g += c[1]; b += c[2]; a += 1
        n = S * S
        if a:
            row += bytes((r // a, g // a, b // a, 255 * a // n))
        else:
            row += b'\0\0\0\0'
    rows.append(bytes(row))

def chunk(kind, data):
    c = struct.pack('>I', len(data)) + kind + data
    return c + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'icon.png'), 'wb').write(png)
print(len(png))
