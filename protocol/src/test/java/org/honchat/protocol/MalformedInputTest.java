package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.honchat.protocol.ProtocolDecodeException.Kind;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.wire.Bytes;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a command can be malformed gives a typed error naming the command and the offset (§1.2, §1.3). */
class MalformedInputTest {

    @Test
    void shortPayloadIsTruncatedAtTheMissingField() {
        // 0x03: "hi" then only two of the four bytes of the channel id
        ProtocolDecodeException e = serverError("03 00 68 69 00 07 00");
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.commandId()).isEqualTo(0x03);
        assertThat(e.commandName()).isEqualTo("CHAT_CMD_CHANNEL_MSG");
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.getMessage()).contains("0x0003 CHAT_CMD_CHANNEL_MSG", "offset 3");
    }

    @Test
    void stringWithoutTerminatorIsUnterminated() {
        ProtocolDecodeException e = serverError("1E 00 46 61 6E 73");
        assertThat(e.kind()).isEqualTo(Kind.UNTERMINATED_STRING);
        assertThat(e.commandId()).isEqualTo(0x1E);
        assertThat(e.offset()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80", // lone continuation byte
        "C0 80", // overlong NUL
        "E0 80 AF", // overlong '/'
        "ED A0 80", // UTF-16 surrogate
        "F4 90 80 80", // above U+10FFFF
        "F5 80 80 80", // no such lead byte
        "E2 82", // sequence cut by the terminator
        "C3 28" // lead byte without a continuation
    })
    void invalidUtf8IsRejectedAtTheBadByte(String badBytes) {
        // 0x1E "ab" + bad bytes + NUL
        ProtocolDecodeException e = serverError("1E 00 61 62 " + badBytes + " 00");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(e.commandId()).isEqualTo(0x1E);
        assertThat(e.offset()).isEqualTo(2);
    }

    @Test
    void wellFormedMultiByteTextIsAccepted() throws Exception {
        // "é✓😀" in UTF-8
        ServerboundPacket packet = serverDecode("1E 00 C3 A9 E2 9C 93 F0 9F 98 80 00").packet();
        assertThat(packet).isEqualTo(new JoinChannel("é✓😀"));
    }

    @Test
    void unknownIdIsNamed() {
        ProtocolDecodeException e = serverError("34 12 00");
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_COMMAND);
        assertThat(e.commandId()).isEqualTo(0x1234);
        assertThat(e.getMessage()).contains("0x1234");
    }

    @Test
    void serverToClientIdIsUnknownFromAClient() {
        // 0x04 CHANGED_CHANNEL only travels server -> client
        assertThat(serverError("04 00 00").kind()).isEqualTo(Kind.UNKNOWN_COMMAND);
    }

    @Test
    void outOfRangeEnumIsBadEnum() {
        // 0x66 with mode 9
        ProtocolDecodeException e = serverError("66 00 09 00");
        assertThat(e.kind()).isEqualTo(Kind.BAD_ENUM);
        assertThat(e.commandName()).isEqualTo("CHAT_CMD_SET_CHAT_MODE_TYPE");
        assertThat(e.offset()).isZero();
        // 0x1C01 with reason 7, read by a client
        ProtocolDecodeException reject = clientError("01 1C 07", DecodeContext.STRICT);
        assertThat(reject.kind()).isEqualTo(Kind.BAD_ENUM);
        assertThat(reject.getMessage()).contains("RejectReason");
    }

    @Test
    void trailingBytesAreCountedByTheServerAndAnErrorInStrictMode() throws Exception {
        // §1.3 rule 2: a 0x1E with two extra bytes after its string; never parsed as a second command
        PacketRegistry.Decoded<ServerboundPacket> lenient = serverDecode("1E 00 46 00 1E 00");
        assertThat(lenient.packet()).isEqualTo(new JoinChannel("F"));
        assertThat(lenient.trailingBytes()).isEqualTo(2);

        ByteBuf body = buf("1E 00 46 00 1E 00");
        try {
            assertThatThrownBy(() -> Serverbound.REGISTRY.decode(body, DecodeContext.STRICT))
                    .isInstanceOfSatisfying(ProtocolDecodeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TRAILING_BYTES);
                        assertThat(e.offset()).isEqualTo(2);
                    });
        } finally {
            body.release();
        }
        // §2.1: the 4.10 client reads leftover bytes as a next command, so a strict reader refuses them
        assertThat(clientError("03 00 E8 03 00 00 07 00 00 00 68 69 00 FF", DecodeContext.STRICT).kind())
                .isEqualTo(Kind.TRAILING_BYTES);
    }

    @Test
    void onlyTheClanCreationPairMayShareAFrame() {
        // 0x21 MAX_CHANNELS followed by 0x21 again
        assertThat(clientError("21 00 21 00", DecodeContext.STRICT).kind()).isEqualTo(Kind.TRAILING_BYTES);
    }

    @Test
    void hugeCountIsRefusedBeforeAnythingIsAllocated() {
        // 0x0B INITIAL_STATUS claiming 0xFFFFFFFF entries with 4 bytes left
        ProtocolDecodeException e = clientError("0B 00 FF FF FF FF 00 00 00 00", DecodeContext.STRICT);
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.getMessage()).contains("count 4294967295");
        // 0x42 auth list claiming more names than bytes
        assertThat(clientError("42 00 01 00 00 00 05 00 00 00 00 00", DecodeContext.STRICT).kind())
                .isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void optionalTrailingFieldsTakeTheirDefault() throws Exception {
        // §6.2 0x1C: the bots leave out the want-info byte
        assertThat(serverDecode("1C 00 42 00 68 69 00").packet()).isEqualTo(new SendIm("B", "hi", 0));
        assertThat(serverDecode("1C 00 42 00 68 69 00 01").packet()).isEqualTo(new SendIm("B", "hi", 1));
        assertThat(serverDecode("05 0D 01").packet()).isEqualTo(new GroupReady(1, 0));
    }

    @Test
    void joinedGameReadsTheFlagOnlyWhenItIsTheLastByte() throws Exception {
        assertThat(serverDecode("10 00 47 00 40 E2 01 00 01").packet()).isEqualTo(new JoinedGame("G", 123456, true));
        assertThat(serverDecode("10 00 47 00 40 E2 01 00").packet()).isEqualTo(new JoinedGame("G", 123456, false));
        // honpurple's obsolete str, u32, str form: the trailing string is ignored
        assertThat(serverDecode("10 00 47 00 40 E2 01 00 61 62 00").packet())
                .isEqualTo(new JoinedGame("G", 123456, false));
    }

    @Test
    void legacyBuddyAddSkipsTheSelfIdPrefix() throws Exception {
        // honpurple: u32 selfId (1000), str "Bob"
        String payload = "0D 00 E8 03 00 00 42 6F 62 00";
        ByteBuf body = buf(payload);
        try {
            assertThat(Serverbound.REGISTRY.decode(body, DecodeContext.server(1000, true)).packet())
                    .isEqualTo(new RequestBuddyAdd("Bob"));
        } finally {
            body.release();
        }
        // a game client never uses that form: the same bytes are a malformed name
        ByteBuf again = buf(payload);
        try {
            assertThatThrownBy(() -> Serverbound.REGISTRY.decode(again, DecodeContext.server(1000, false)))
                    .isInstanceOf(ProtocolDecodeException.class);
        } finally {
            again.release();
        }
        assertThat(serverDecode("0D 00 42 6F 62 00").packet()).isEqualTo(new RequestBuddyAdd("Bob"));
    }

    @Test
    void connectWithMalformedRequiredFieldsFails() {
        // fields 1-5 are strict (§3.3): account id, cookie, ip, hash, then only 2 bytes of the protocol
        ProtocolDecodeException e = serverError("00 0C E8 03 00 00 63 00 69 00 68 00 44 00");
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.commandName()).isEqualTo("NET_CHAT_CL_CONNECT");
        assertThat(e.offset()).isEqualTo(10);
    }

    @Test
    void connectTailClassifiesTheClient() throws Exception {
        String head = "00 0C E8 03 00 00 63 00 69 00 68 00 44 00 00 00 ";
        String gameTail = "01 0A 00 00 77 61 63 00 78 00 04 0A 01 00 00 03 65 6E 00 65 6E 00";
        ClientConnect game = (ClientConnect) serverDecode(head + gameTail).packet();
        assertThat(game.isGameClient()).isTrue();
        assertThat(game.initialChatMode()).isEqualTo(org.honchat.protocol.types.ChatMode.INVISIBLE);

        // one byte over: LEGACY, and the bytes are kept
        ClientConnect extra = (ClientConnect) serverDecode(head + gameTail + " 00").packet();
        assertThat(extra.isGameClient()).isFalse();
        assertThat(extra.tail()).isEqualTo(new ClientConnect.LegacyTail(Bytes.ofHex(gameTail + " 00")));

        // client major version 3: LEGACY
        String oldTail = "01 0A 00 00 77 61 63 00 78 00 03 0A 01 00 00 00 65 6E 00 65 6E 00";
        assertThat(((ClientConnect) serverDecode(head + oldTail).packet()).isGameClient()).isFalse();

        // a tail cut short: LEGACY, never an error
        assertThat(((ClientConnect) serverDecode(head + "01 0A 00").packet()).isGameClient()).isFalse();
        // no tail at all
        assertThat(((ClientConnect) serverDecode(head.trim()).packet()).tail())
                .isEqualTo(new ClientConnect.LegacyTail(Bytes.EMPTY));

        // chat mode above 3 counts as 0
        String modeTail = "01 0A 00 00 77 61 63 00 78 00 04 0A 01 00 00 07 65 6E 00 65 6E 00";
        assertThat(((ClientConnect) serverDecode(head + modeTail).packet()).initialChatMode())
                .isEqualTo(org.honchat.protocol.types.ChatMode.AVAILABLE);
    }

    @Test
    void registryRefusesDuplicateIds() {
        List<PacketCodec<?>> twice = List.of(JoiningGame.CODEC, JoinChannel.CODEC, JoiningGame.CODEC);
        assertThatThrownBy(() -> PacketRegistry.of("test", ServerboundPacket.class, twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0x000F");
    }

    @Test
    void readingNeverMovesPastTheFrame() throws Exception {
        // the reader stops at the frame's end even when the buffer holds more bytes behind it
        ByteBuf whole = buf("03 00 68 69 00 07 00 00 00 FF FF");
        ByteBuf body = whole.retainedSlice(0, 9);
        try {
            assertThat(Serverbound.REGISTRY.decode(body, DecodeContext.SERVER).packet())
                    .isEqualTo(new SendChannelMessage("hi", 7));
        } finally {
            body.release();
            whole.release();
        }
    }

    static PacketRegistry.Decoded<ServerboundPacket> serverDecode(String hex) throws ProtocolDecodeException {
        ByteBuf body = buf(hex);
        try {
            return Serverbound.REGISTRY.decode(body, DecodeContext.SERVER);
        } finally {
            body.release();
        }
    }

    static ProtocolDecodeException serverError(String hex) {
        ByteBuf body = buf(hex);
        try {
            Serverbound.REGISTRY.decode(body, DecodeContext.SERVER);
            throw new AssertionError("decoded without error: " + hex);
        } catch (ProtocolDecodeException e) {
            return e;
        } finally {
            body.release();
        }
    }

    static ProtocolDecodeException clientError(String hex, DecodeContext context) {
        ByteBuf body = buf(hex);
        try {
            Clientbound.decodeFrame(body, context);
            throw new AssertionError("decoded without error: " + hex);
        } catch (ProtocolDecodeException e) {
            return e;
        } finally {
            body.release();
        }
    }

    static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(Bytes.ofHex(hex).toArray());
    }
}
