#!/usr/bin/env python3
"""Independent SRP vectors for honchat's SrpTest (PROTOCOL.md §8.3, §8.5).

Written from the spec's formulas with Python's hashlib and int arithmetic only; it shares no code with the Java
implementation. Fixed inputs (salt, a, b) make the output deterministic. Run: python3 tools/srp_vectors.py
"""
import hashlib

N = int(
    "DA950C6C97918CAE89E4F5ECB32461032A217D740064BC12FC0723CD204BD02A7AE29B53F3310C13BA998B7910F8B6A14112CBC67BDD2427E"
    "DF494CB8BCA68510C0AAEE5346BD320845981546873069B337C073B9A9369D500873D647D261CCED571826E54C6089E7D5085DC2AF01FD861"
    "AE44C8E64BCA3EA4DCE942C5F5B89E5496C2741A9E7E9F509C261D104D11DD4494577038B33016E28D118AE4FD2E85D9C3557A2346FAECED3"
    "EDBE0F4D694411686BA6E65FEE43A772DC84D394ADAE5A14AF33817351D29DE074740AA263187AB18E3A25665EACAA8267C16CDE064B1D5AF"
    "0588893C89C1556D6AEF644A3BA6BA3F7DEC2F3D6FDC30AE43FBD6D144BB", 16)
g = 2


def H(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.digest()


def pad(x):
    return x.to_bytes(256, "big")


def minimal(x):
    return x.to_bytes((x.bit_length() + 7) // 8, "big")


def md5hex(s):
    return hashlib.md5(s.encode()).hexdigest()


def srp_password(password, salt2):
    inner = md5hex(md5hex(password) + salt2 + "[!~esTo0}")
    return hashlib.sha256((inner + "taquzaph_?98phab&junaj=z=kuChusu").encode()).hexdigest()


def vector(login, password, salt2, salt_hex, a_hex, b_hex):
    p = srp_password(password, salt2)
    I = login.encode()
    s = bytes.fromhex(salt_hex)
    a = int(a_hex, 16)
    b = int(b_hex, 16)
    k = int.from_bytes(H(pad(N), pad(g)), "big")
    x = int.from_bytes(H(s, H(I + b":" + p.encode())), "big")
    v = pow(g, x, N)
    A = pow(g, a, N)
    B = (k * v + pow(g, b, N)) % N
    u = int.from_bytes(H(pad(A), pad(B)), "big")
    S_server = pow(A * pow(v, u, N), b, N)
    S_client = pow((B - k * v) % N, a + u * x, N)
    assert S_server == S_client
    K = H(pad(S_server))
    hn, hg = H(pad(N)), H(pad(g))
    xor = bytes(i ^ j for i, j in zip(hn, hg))
    M = H(xor, H(I), s, minimal(A), minimal(B), K)
    M2 = H(minimal(A), M, K)
    print(f"login={login} password={password} salt2={salt2}")
    print(f"p={p}")
    print(f"salt={salt_hex}")
    print(f"a={a_hex}")
    print(f"b={b_hex}")
    print(f"k={k:x}")
    print(f"v={v:x}")
    print(f"A={A:x}")
    print(f"B={B:x}")
    print(f"u={u:x}")
    print(f"M={M.hex()}")
    print(f"M2={M2.hex()}")
    print()


vector("Alice", "hunter2", "aB3dE5fG7hJ9kL1m",
       "9f" + "01" * 31, "0123456789abcdef" * 4, "fedcba9876543210" * 4)
vector("bob_THE_builder", "correct horse battery staple", "ZZZZyyyyXXXX0000",
       "c0ffee" * 10 + "0102", "1" * 64, "2" * 64)
