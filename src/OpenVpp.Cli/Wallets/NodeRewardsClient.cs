using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Cli.Wallets;

/// <summary>An account's rewards as the node's oracle computed them, with the Merkle proof a claim needs.</summary>
/// <param name="Account">The account the leaf pays.</param>
/// <param name="Epoch">The latest epoch the cumulative amount (and the proof's root) covers.</param>
/// <param name="CumulativeAmount">Everything the account earned up to <paramref name="Epoch"/>, in base units.</param>
/// <param name="Claimed">What the node saw claimed so far.</param>
/// <param name="Claimable">What the node expects a claim to pay now.</param>
/// <param name="Proof">The leaf's proof against the reward root committed for <paramref name="Epoch"/>.</param>
internal sealed record NodeRewards(EthAddress Account, long Epoch, BigInteger CumulativeAmount, BigInteger Claimed, BigInteger Claimable, IReadOnlyList<byte[]> Proof);

/// <summary>The JSON of GET /v1/rewards/{address}; amounts are decimal strings of base units.</summary>
internal sealed record NodeRewardsDocument(string? Account, long Epoch, string? CumulativeAmount, string? Claimed, string? Claimable, IReadOnlyList<string>? Proof);

/// <summary>Reads an account's rewards and claim proof from a node: GET {node}/v1/rewards/{address}.</summary>
internal sealed class NodeRewardsClient(HttpClient http) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    public static NodeRewardsClient For(Uri node, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(new HttpClient { BaseAddress = new Uri(node.ToString().TrimEnd('/') + "/"), Timeout = timeout });
    }

    /// <summary>The account's rewards, or null when the node has none for it (404).</summary>
    /// <exception cref="HttpRequestException">The node cannot be reached or answers with an error status.</exception>
    /// <exception cref="TimeoutException">The node did not answer in time.</exception>
    /// <exception cref="InvalidDataException">The answer is not a rewards document for this account.</exception>
    public async Task<NodeRewards?> GetAsync(EthAddress account, CancellationToken cancel)
    {
        // Lower case: the plain hex form every parser accepts, whether or not it checks EIP-55.
        var path = "v1/rewards/" + account.ToString().ToLowerInvariant();
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, cancel).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"the node at {BaseAddress} did not answer within {http.Timeout.TotalSeconds:0.#} s.", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                // The token holds no root: nothing committed with rewards yet, or claims paused by a dispute.
                throw new InvalidOperationException(
                    $"claims are not open at {BaseAddress}: nothing has been committed with rewards yet, or an epoch is disputed and claims are paused until the oracle resolves it.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"the node at {BaseAddress} answered GET /{path} with {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            NodeRewardsDocument? document;
            try
            {
                document = await response.Content.ReadFromJsonAsync(CliJsonContext.Default.NodeRewardsDocument, cancel).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"the node at {BaseAddress} sent rewards that are not valid JSON ({e.Message}).", e);
            }

            return Parse(document, account);
        }
    }

    public void Dispose() => http.Dispose();

    private NodeRewards Parse(NodeRewardsDocument? document, EthAddress account)
    {
        string Bad(string what) => $"the node at {BaseAddress} sent a rewards document for {account} with {what}.";
        if (document is null)
        {
            throw new InvalidDataException(Bad("no content"));
        }

        if (!EthAddress.TryParse(document.Account, out var answered) || answered != account)
        {
            throw new InvalidDataException(Bad($"account '{document.Account}'"));
        }

        var cumulative = TokenUnits.ParseInteger(document.CumulativeAmount) ?? throw new InvalidDataException(Bad($"cumulative_amount '{document.CumulativeAmount}'"));
        var claimed = TokenUnits.ParseInteger(document.Claimed) ?? throw new InvalidDataException(Bad($"claimed '{document.Claimed}'"));
        var claimable = TokenUnits.ParseInteger(document.Claimable) ?? throw new InvalidDataException(Bad($"claimable '{document.Claimable}'"));
        var proof = new List<byte[]>();
        foreach (var node in document.Proof ?? [])
        {
            byte[] hash;
            try
            {
                hash = RpcHex.ParseData(node);
            }
            catch (FormatException)
            {
                throw new InvalidDataException(Bad($"proof element '{node}'"));
            }

            proof.Add(hash.Length == 32 ? hash : throw new InvalidDataException(Bad($"a {hash.Length}-byte proof element (32 expected)")));
        }

        return new NodeRewards(account, document.Epoch, cumulative, claimed, claimable, proof);
    }
}
