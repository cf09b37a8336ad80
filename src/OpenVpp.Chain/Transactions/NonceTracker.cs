using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Transactions;

/// <summary>
/// The next nonce of one account, kept locally so back-to-back sends need not wait for the node's pool to catch
/// up. One holder at a time (a <see cref="SemaphoreSlim"/>), so concurrent sends get consecutive nonces and reach
/// the node in nonce order. Unknown at first and after any doubt; then read from the node's pending count.
/// </summary>
internal sealed class NonceTracker(EthRpcClient rpc, EthAddress address) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _next;

    /// <summary>Waits for the nonce, loading it from the node when unknown; dispose the lease to release it.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _next ??= await PendingCountAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Forgets the local nonce; the next send reads it from the node.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _next = null;
        _gate.Release();
    }

    public void Dispose() => _gate.Dispose();

    private Task<ulong> PendingCountAsync(CancellationToken cancellationToken) =>
        rpc.GetTransactionCountAsync(address, BlockParameter.Pending, cancellationToken);

    /// <summary>Exclusive use of the nonce until disposed.</summary>
    internal sealed class Lease(NonceTracker owner) : IDisposable
    {
        private bool _released;

        public ulong Nonce => owner._next!.Value;

        /// <summary>The node accepted a transaction with <see cref="Nonce"/>; the next one gets Nonce + 1.</summary>
        public void Commit() => owner._next = Nonce + 1;

        /// <summary>Whether the node saw the transaction is unknown; read the nonce again next time.</summary>
        public void Invalidate() => owner._next = null;

        /// <summary>Reads the nonce from the node now, after it refused ours.</summary>
        public async Task<ulong> ResyncAsync(CancellationToken cancellationToken)
        {
            owner._next = null;
            owner._next = await owner.PendingCountAsync(cancellationToken).ConfigureAwait(false);
            return owner._next.Value;
        }

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                owner._gate.Release();
            }
        }
    }
}
