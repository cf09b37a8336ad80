using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Wallets;
using OpenVpp.Cli.Wallets;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp wallet: account keys, balances and reward claims.</summary>
internal static class WalletCommand
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var command = new Command("wallet", """
            Accounts of the value layer: create and list wallets, show ETH and OVPP balances, claim OVPP rewards.
            A wallet is one secp256k1 key in WALLETS/NAME.json (mode 0600); OPENVPP_PRIVATE_KEY (0x + 64 hex digits)
            can stand in for --name. Keys are never printed. The chain and its contracts come from the deployment
            manifest the local chain writes (deployment.json in DATA or DATA/chain); wallets sit next to it in wallets/.

            Start with: openvpp wallet new --name alice
            """);
        command.Add(New());
        command.Add(List());
        command.Add(Balance());
        command.Add(Claim());
        return command;
    }

    private static Command New()
    {
        var name = new Option<string>("--name") { Description = "Name of the new wallet: 1-64 letters, digits, '-' or '_'.", Required = true };
        var json = CommonOptions.Json();
        var paths = new ChainCommandOptions();
        var command = new Command("new", """
            Create a wallet: a fresh random account key in WALLETS/NAME.json, readable by you only (mode 0600). Prints the
            wallet's name, address and file, never its key. Refuses to overwrite an existing wallet.
            Keep the file private and backed up: whoever holds it controls the account; without it the account is lost.

            Example: openvpp wallet new --name alice     (then fund its address with ETH for gas)
            """)
        {
            name, json,
        };
        paths.AddWalletOptions(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("wallet new", () =>
        {
            var store = paths.OpenWallets(parse);
            var walletName = parse.GetRequiredValue(name);
            var key = store.Create(walletName);
            var report = new WalletCreatedReport(walletName, key.Address.ToString(), Path.Combine(store.Directory, walletName + ".json"));
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(report, CliJsonContext.Default.WalletCreatedReport)
                : $"""
                  created wallet {report.Name}
                    address  {report.Address}
                    file     {report.File}  (mode 0600: keep it private and backed up)
                  """);
            return Task.FromResult(0);
        }, cancel));
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var paths = new ChainCommandOptions();
        var command = new Command("list", """
            List the wallets in the wallet directory with their addresses (a file that cannot be read is listed with the reason).

            Example: openvpp wallet list --json
            """)
        {
            json,
        };
        paths.AddWalletOptions(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("wallet list", () =>
        {
            var store = paths.OpenWallets(parse);
            var entries = store.List().Select(n => Entry(store, n)).ToList();
            var report = new WalletListReport(store.Directory, entries);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.WalletListReport));
            }
            else if (entries.Count == 0)
            {
                Console.WriteLine($"no wallets in {store.Directory}; create one with: openvpp wallet new --name NAME");
            }
            else
            {
                var width = entries.Max(e => e.Name.Length);
                foreach (var e in entries)
                {
                    Console.WriteLine($"{e.Name.PadRight(width)}  {e.Address ?? "unreadable: " + e.Error}");
                }
            }

            return Task.FromResult(0);
        }, cancel));
        return command;
    }

    private static Command Balance()
    {
        var name = new Option<string?>("--name") { Description = "The wallet whose account to show." };
        var address = new Option<string?>("--address") { Description = "Any account instead of a wallet: 0x followed by 40 hex digits." };
        var node = CommonOptions.NodeUrl();
        node.Description = "Node to ask for the account's rewards (GET /v1/rewards/ADDRESS); an unreachable node is reported, not an error.";
        var json = CommonOptions.Json();
        var chain = new ChainCommandOptions();
        var command = new Command("balance", """
            Show an account's ETH balance (for gas), its OVPP balance, the rewards it claimed so far (on chain), and what
            the node says it can claim now. The account is --name's wallet, --address, or else OPENVPP_PRIVATE_KEY's.
            Amounts are exact: wei and OVPP base units (18 decimals), and ether and tokens.

            Examples:
              openvpp wallet balance --name alice
              openvpp wallet balance --address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json
            """)
        {
            name, address, node, json,
        };
        chain.AddTo(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("wallet balance", async () =>
        {
            var nodeUrl = ChainCommandOptions.HttpUrl(parse.GetRequiredValue(node), "--node");
            var account = ResolveAccount(chain.OpenWallets(parse), parse.GetValue(name), parse.GetValue(address));
            using var session = await chain.OpenChainAsync(parse, cancel).ConfigureAwait(false);
            var eth = await session.Rpc.GetBalanceAsync(account, cancellationToken: cancel).ConfigureAwait(false);
            var ovpp = await session.Token.BalanceOfAsync(account, cancel).ConfigureAwait(false);
            var claimed = await session.Token.ClaimedAsync(account, cancel).ConfigureAwait(false);
            var view = await NodeViewAsync(nodeUrl, account, cancel).ConfigureAwait(false);
            var report = new BalanceReport(account.ToString(), session.Manifest.ChainId, EtherAmount.Of(eth), TokenAmount.Of(ovpp), TokenAmount.Of(claimed), view);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, CliJsonContext.Default.BalanceReport) : Format(report));
            return 0;
        }, cancel));
        return command;
    }

    private static Command Claim()
    {
        var name = new Option<string?>("--name") { Description = "The wallet that sends the claim and pays its gas [default: OPENVPP_PRIVATE_KEY's account]." };
        var forAccount = new Option<string?>("--for") { Description = "Claim for this account instead of the wallet's own (the tokens go to it; the wallet only pays gas).", HelpName = "0xADDRESS" };
        var node = CommonOptions.NodeUrl();
        node.Description = "Node that serves the account's cumulative reward and Merkle proof (GET /v1/rewards/ADDRESS).";
        var json = CommonOptions.Json();
        var chain = new ChainCommandOptions();
        var command = new Command("claim", """
            Claim OVPP rewards: fetch the account's cumulative reward and Merkle proof from the node, send
            token.claim(account, cumulative, proof) from the wallet, wait for the receipt, and print the amount paid (the
            account's balance after minus before), the transaction hash and the gas used. A claim pays everything earned
            and not yet claimed, over any number of epochs. Refusals are explained: nothing to claim, claims paused
            (an epoch is disputed), or a proof that does not match the chain.

            Examples:
              openvpp wallet claim --name alice
              openvpp wallet claim --name alice --for 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json
            """)
        {
            name, forAccount, node, json,
        };
        chain.AddTo(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("wallet claim", async () =>
        {
            var nodeUrl = ChainCommandOptions.HttpUrl(parse.GetRequiredValue(node), "--node");
            var target = parse.GetValue(forAccount) is { } text ? ChainCommandOptions.Address(text, "--for") : (EthAddress?)null;
            var (key, _) = ChainCommandOptions.SigningKey(chain.OpenWallets(parse), parse.GetValue(name));
            var account = target ?? key.Address;

            NodeRewards? rewards;
            using (var client = NodeRewardsClient.For(nodeUrl, NodeTimeout))
            {
                try
                {
                    rewards = await client.GetAsync(account, cancel).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw new CommandException($"cannot get the claim proof from the node at {nodeUrl} ({e.Message}); is it running? (--node picks another)", e);
                }
            }

            if (rewards is null)
            {
                throw new CommandException($"nothing to claim: the node at {nodeUrl} has no rewards for {account} (yet).");
            }

            using var session = await chain.OpenChainAsync(parse, cancel).ConfigureAwait(false);
            using var sender = session.CreateSender(key);
            var result = await RewardClaimer.ClaimAsync(session.Token, sender, account, rewards.CumulativeAmount, rewards.Proof, cancel).ConfigureAwait(false);
            var report = new ClaimReport(
                account.ToString(), sender.Address.ToString(), rewards.Epoch, TokenAmount.Of(result.CumulativeAmount), TokenAmount.Of(result.Paid),
                TokenAmount.Of(result.BalanceAfter), result.TransactionHashHex, result.GasUsed, result.BlockNumber);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, CliJsonContext.Default.ClaimReport) : Format(report));
            return 0;
        }, cancel));
        return command;
    }

    private static WalletEntry Entry(WalletStore store, string name)
    {
        try
        {
            return new WalletEntry(name, store.Load(name).Address.ToString(), null);
        }
        catch (Exception e) when (e is WalletException or IOException or UnauthorizedAccessException)
        {
            return new WalletEntry(name, null, e.Message);
        }
    }

    private static EthAddress ResolveAccount(WalletStore store, string? name, string? address)
    {
        if (name is not null && address is not null)
        {
            throw CommandException.Usage("give --name or --address, not both.");
        }

        if (address is not null)
        {
            return ChainCommandOptions.Address(address, "--address");
        }

        return name is not null
            ? store.Load(name).Address
            : WalletStore.FromEnvironment()?.Address
                ?? throw CommandException.Usage($"say whose balance: --name WALLET or --address 0x... (or set {WalletStore.PrivateKeyVariable}).");
    }

    private static async Task<NodeRewardsView> NodeViewAsync(Uri node, EthAddress account, CancellationToken cancel)
    {
        var url = node.ToString();
        using var client = NodeRewardsClient.For(node, NodeTimeout);
        try
        {
            var rewards = await client.GetAsync(account, cancel).ConfigureAwait(false);
            return rewards is null
                ? new NodeRewardsView(url, true, false, null, null, null, null, null)
                : new NodeRewardsView(url, true, true, rewards.Epoch, TokenAmount.Of(rewards.CumulativeAmount), TokenAmount.Of(rewards.Claimed), TokenAmount.Of(rewards.Claimable), null);
        }
        catch (HttpRequestException e)
        {
            // A status code means the node answered, with an error; no status code means it could not be reached.
            return new NodeRewardsView(url, e.StatusCode is not null, false, null, null, null, null, e.Message);
        }
        catch (Exception e) when (e is TimeoutException or InvalidDataException or InvalidOperationException)
        {
            // InvalidOperationException: the node answered that claims are not open (paused by a dispute, or nothing yet).
            return new NodeRewardsView(url, e is not TimeoutException, false, null, null, null, null, e.Message);
        }
    }

    private static string Format(BalanceReport r)
    {
        var node = r.Node switch
        {
            { Reachable: false } => $"not reachable ({r.Node.Error})",
            { Error: { } error } => error,
            { HasRewards: false } => "no rewards for this account yet",
            _ => $"claimable {r.Node.Claimable!.Tokens} OVPP of {r.Node.CumulativeAmount!.Tokens} earned through epoch {r.Node.Epoch}",
        };
        return $"""
            account  {r.Address}  (chain {r.ChainId})
            ETH      {r.Eth.Ether}  ({r.Eth.Wei} wei)
            OVPP     {r.Ovpp.Tokens}  ({r.Ovpp.BaseUnits} base units)
            claimed  {r.Claimed.Tokens} OVPP so far
            node     {r.Node.Url}: {node}
            """;
    }

    private static string Format(ClaimReport r)
    {
        var sender = r.Sender == r.Account ? string.Empty : $"\n  sent by      {r.Sender} (paid the gas)";
        return string.Create(CultureInfo.InvariantCulture, $"""
            claimed {r.Paid.Tokens} OVPP for {r.Account} ({r.CumulativeAmount.Tokens} OVPP earned in total through epoch {r.Epoch})
              transaction  {r.TransactionHash}  (block {r.BlockNumber}, gas {r.GasUsed:N0}){sender}
              balance      {r.Balance.Tokens} OVPP
            """);
    }
}
