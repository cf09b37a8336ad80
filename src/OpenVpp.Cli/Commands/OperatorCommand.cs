using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp operator: the OpenADR clients (operators and VENs) of a node's VTN.</summary>
internal static class OperatorCommand
{
    public static Command Create()
    {
        var command = new Command("operator", """
            Manage the OpenADR 3.1 clients of a node's VTN: business-logic (operator) clients that publish programs and
            events, and VEN clients that gateways use. Works on the node's data directory, also while the node runs.
            A new client's secret is printed once and never stored in readable form.

            Examples:
              ./openvpp operator add --role bl                    another operator client
              ./openvpp operator add --role ven --id gateway-7    a VEN client for a gateway
              ./openvpp operator list --json
              ./openvpp operator revoke gateway-7
            """);
        command.Add(Add());
        command.Add(List());
        command.Add(Revoke());
        return command;
    }

    private static Option<string> Data() => new("--data")
    {
        Description = "The node's data directory (./openvpp up keeps it in <up --data>/node).",
        DefaultValueFactory = _ => Path.Combine("data", "node"),
    };

    private static OpenAdrAuth Auth(string dataDir)
    {
        if (!Directory.Exists(dataDir))
        {
            throw new CommandException($"No node data directory '{dataDir}'; start the node once (./openvpp up) or pass --data.");
        }

        return new OpenAdrAuth(new SqliteOpenAdrStore(dataDir), TimeProvider.System);
    }

    private static Command Add()
    {
        var data = Data();
        var role = new Option<string>("--role") { Description = "bl (an operator: programs, events) or ven (a gateway: reports).", DefaultValueFactory = _ => "bl" };
        var id = new Option<string?>("--id") { Description = "Client id (default: generated)." };
        var scopes = new Option<string?>("--scopes") { Description = "Space-separated scopes (default: the role's, per OpenADR 3.1)." };
        var json = CommonOptions.Json();
        var command = new Command("add", "Create a client and print its id and secret (the secret only this once).") { data, role, id, scopes, json };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("operator add", () =>
        {
            var parsedRole = parse.GetValue(role) switch
            {
                "bl" => OpenAdrRole.BusinessLogic,
                "ven" => OpenAdrRole.Ven,
                var other => throw CommandException.Usage($"--role must be bl or ven, not '{other}'."),
            };
            IReadOnlyList<string>? granted = parse.GetValue(scopes) is { } text ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;
            OpenAdrCredentials created;
            try
            {
                created = Auth(parse.GetRequiredValue(data)).CreateClient(parsedRole, granted, parse.GetValue(id));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new CommandException(e.Message);
            }

            Console.WriteLine(parse.GetValue(json)
                ? new JsonObject
                {
                    ["client_id"] = created.ClientId,
                    ["client_secret"] = created.ClientSecret,
                    ["role"] = parse.GetValue(role),
                    ["scopes"] = new JsonArray([.. created.Scopes.Select(s => JsonValue.Create(s))]),
                }.ToJsonString()
                : $"client_id     {created.ClientId}\nclient_secret {created.ClientSecret}\nscopes        {string.Join(' ', created.Scopes)}\nKeep the secret now: it cannot be shown again. Tokens: POST grant_type=client_credentials to <vtn>/auth/token.");
            return Task.FromResult(0);
        }, cancel));
        return command;
    }

    private static Command List()
    {
        var data = Data();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the VTN's clients (never their secrets).") { data, json };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("operator list", () =>
        {
            var clients = Auth(parse.GetRequiredValue(data)).ListClients();
            if (parse.GetValue(json))
            {
                Console.WriteLine(new JsonArray([.. clients.Select(c => (JsonNode)new JsonObject
                {
                    ["client_id"] = c.ClientId,
                    ["role"] = c.Role == OpenAdrRole.Ven ? "ven" : "bl",
                    ["scopes"] = new JsonArray([.. c.Scopes.Select(s => JsonValue.Create(s))]),
                    ["created_at"] = c.CreatedAt.ToString("O"),
                    ["revoked"] = c.Revoked,
                })]).ToJsonString());
            }
            else
            {
                foreach (var c in clients)
                {
                    Console.WriteLine($"{c.ClientId,-28} {(c.Role == OpenAdrRole.Ven ? "ven" : "bl"),-3} {(c.Revoked ? "revoked" : "active"),-8} {string.Join(' ', c.Scopes)}");
                }
            }

            return Task.FromResult(0);
        }, cancel));
        return command;
    }

    private static Command Revoke()
    {
        var data = Data();
        var id = new Argument<string>("client-id") { Description = "The client to revoke; its tokens stop working at once." };
        var command = new Command("revoke", "Revoke a client and every token it holds.") { data, id };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("operator revoke", () =>
        {
            var clientId = parse.GetRequiredValue(id);
            if (!Auth(parse.GetRequiredValue(data)).RevokeClient(clientId))
            {
                throw new CommandException($"No active client '{clientId}'; see ./openvpp operator list.");
            }

            Console.WriteLine($"Revoked {clientId}.");
            return Task.FromResult(0);
        }, cancel));
        return command;
    }
}
