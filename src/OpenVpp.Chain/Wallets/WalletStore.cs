using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Wallets;

/// <summary>
/// Account keys for the value layer (owners, the oracle), one file per wallet in a directory: <c>NAME.json</c>, mode
/// 0600, written atomically. Keys are never printed or logged; only addresses are. Plain files like the gateway's
/// device keystore: on a shared or production host keep them on an encrypted volume or pass the key through
/// <see cref="PrivateKeyVariable"/>.
/// </summary>
public sealed partial class WalletStore(string directory)
{
    /// <summary>Environment variable that supplies an account key instead of a wallet file (0x + 64 hex digits).</summary>
    public const string PrivateKeyVariable = "OPENVPP_PRIVATE_KEY";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Directory { get; } = directory;

    /// <summary>Creates a wallet with a fresh random key; refuses to overwrite an existing one.</summary>
    public Secp256k1Key Create(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            throw new WalletException($"Wallet '{name}' already exists at {path}; choose another name.");
        }

        Span<byte> secret = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(secret);
            try
            {
                var key = Secp256k1Key.FromPrivateKey(secret);
                Save(name, key, secret);
                return key;
            }
            catch (ArgumentException)
            {
                // Out of [1, n-1]: probability about 2^-128; draw again.
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>Stores a given key under a name (used to keep the local chain's dev accounts in the data dir).</summary>
    public void Import(string name, ReadOnlySpan<byte> privateKey)
    {
        var key = Secp256k1Key.FromPrivateKey(privateKey);
        Save(name, key, privateKey);
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public Secp256k1Key Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new WalletException($"No wallet '{name}' in {Directory}; create it with `openvpp wallet new --name {name}`.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new WalletException($"Wallet file {path} is readable by others; run `chmod 600 {path}` and try again.");
        }

        WalletFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), WalletJsonContext.Default.WalletFile);
        }
        catch (JsonException e)
        {
            throw new WalletException($"Wallet file {path} is not valid JSON ({e.Message}).");
        }

        if (file is null || file.Version != 1 || !TryParseKey(file.PrivateKey, out var key))
        {
            throw new WalletException($"Wallet file {path} is not a version 1 wallet with a valid private key.");
        }

        if (!string.Equals(key.Address.ToString(), file.Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new WalletException($"Wallet file {path}: the stored address does not match the key; the file is damaged.");
        }

        return key;
    }

    /// <summary>Names of the wallets in the directory, sorted.</summary>
    public IReadOnlyList<string> List() =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The key in <see cref="PrivateKeyVariable"/>, or null when it is unset.</summary>
    public static Secp256k1Key? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(PrivateKeyVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TryParseKey(text.Trim(), out var key)
            ? key
            : throw new WalletException($"{PrivateKeyVariable} is set but is not 0x followed by 64 hex digits of a valid secp256k1 key.");
    }

    private static bool TryParseKey(string? text, out Secp256k1Key key)
    {
        key = null!;
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length != 66)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException)
        {
            return false;
        }

        try
        {
            key = Secp256k1Key.FromPrivateKey(bytes);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private string PathOf(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new WalletException($"Wallet name '{name}' must be 1-64 letters, digits, '-' or '_'.");
        }

        return Path.Combine(Directory, name + ".json");
    }

    private void Save(string name, Secp256k1Key key, ReadOnlySpan<byte> secret)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var file = new WalletFile(1, name, key.Address.ToString(), "0x" + Convert.ToHexStringLower(secret));
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, file, WalletJsonContext.Default.WalletFile);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, OwnerOnly);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
