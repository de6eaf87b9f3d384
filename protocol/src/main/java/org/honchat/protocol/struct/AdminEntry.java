package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** One {@code u32 account id, u8 admin level} pair of the admin list in {@code 0x04} and {@code 0x2F} (§6.1). */
public record AdminEntry(long accountId, AdminLevel level) {

    public static final WireType<AdminEntry> TYPE = Types.of("{u32 account id, u8 admin level}", 5,
            in -> new AdminEntry(in.u32(), AdminLevel.TYPE.read(in)),
            (out, e) -> {
                out.writeIntLE((int) e.accountId);
                out.writeByte(e.level.wire());
            });

    public AdminEntry {
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(level, "level");
    }
}
