import { envelope, fail, success } from '../envelope.js';
import { amount, dollars, fromUsd, marketCurrency, TLD_PRICES } from '../pricing.js';
import type { XmlObject } from '../xml.js';
import type { CommandTable } from './types.js';

const balanceEnv = envelope('GetAccountBalance', 'SuccessCode', 'number');
const accountInfoEnv = envelope('AccountInfo', 'ResponseCode', 'number');
const tldPriceEnv = { ...envelope('TldPrice', 'SuccessCode', 'number'), header: 'TldPriceResponseHeader' };
const createFolderEnv = envelope('FolderCreate');
const deleteFolderEnv = envelope('DeleteFolder');
const folderListEnv = envelope('FolderList', 'ResponseCode', 'number');
const folderNameEnv = envelope('SetFolderName');
const folderRenewEnv = envelope('SetFolderRenewOption');

const RENEW_TEXT = { auto: 'auto-renew', donot: 'do not renew', reset: 'no renew option' } as const;
const contact = (id: string): { ContactId: string } => ({ ContactId: id });

export const accountCommands: CommandTable = {
  get_account_balance: {
    env: balanceEnv,
    run(ctx) {
      const list = [{ Currency: ctx.account.currency, Amount: amount(ctx.account.balanceMinor) }];
      return success(balanceEnv, {
        content: () => ({ GetAccountBalanceContent: { BalanceList: { Balance: list } } }),
        json: () => ({ BalanceList: list }),
      });
    },
  },

  account_info: {
    env: accountInfoEnv,
    run(ctx) {
      const a = ctx.account;
      const info = {
        Username: a.username,
        ForumName: a.username,
        Contact: {
          Organization: 'DomainDeck Sandbox',
          Name: `Sandbox ${a.label}`,
          Email: `${a.username}@sandbox.invalid`,
          PhoneCc: '62',
          PhoneNum: '21.555.0100',
          FaxCc: '',
          FaxNum: '',
          Address1: 'Jl. Sandbox 1',
          Address2: '',
          City: 'Jakarta',
          State: 'DKI',
          ZipCode: '10110',
          Country: 'ID',
        },
        CustomerSince: String(a.createdAt),
        AccountLock: 'on',
        TotalSpending: dollars(a.spentMinor),
        PriceLevel: 'Regular Pricing',
        AccountBalance: dollars(a.balanceMinor),
        CustomTimeZone: 'PST',
        DefaultSettings: {
          DefaultWhois: { DefaultRegistrant: contact('0'), DefaultAdmin: contact('0'), DefaultTechnical: contact('0'), DefaultBilling: contact('0') },
          DefaultNameServerSettings: { Type: 'Dynadot Parking', WithAds: 'yes' },
        },
      };
      return success(accountInfoEnv, { content: () => ({ AccountInfoContent: { AccountInfo: info } }), json: () => ({ AccountInfo: info }) });
    },
  },

  tld_price: {
    env: tldPriceEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'), ctx.account.currency);
      const rows = TLD_PRICES.map((t) => ({
        Tld: `.${t.tld}`,
        Usage: t.usage,
        Price: {
          Unit: '(Price/1 year)',
          Register: amount(fromUsd(t.register, currency)),
          Renew: amount(fromUsd(t.renew, currency)),
          Transfer: amount(fromUsd(t.transfer, currency)),
        },
        Privacy: t.privacy ? 'Yes' : 'No',
        GracePeriod: { Unit: '(Grace Period/days)', Renew: String(t.graceRenewDays), Delete: String(t.graceDeleteDays) },
        IDN: t.idn ? 'Yes' : 'No',
        Restrictions: t.restrictions,
      }));
      return success(tldPriceEnv, {
        header: { PriceLevel: 'Regular Pricing', Currency: currency },
        content: () => ({ TldPriceContent: { TldContent: rows } }),
        json: () => ({ PriceLevel: 'Regular Pricing', Currency: currency, TldPrice: rows }),
      });
    },
  },

  create_folder: {
    env: createFolderEnv,
    run(ctx) {
      const name = ctx.q.required('folder_name');
      ctx.account.domains(); // make sure the portfolio's folders exist before numbering a new one
      if (name === 'Default' || ctx.account.folders.some((f) => f.name === name)) fail(`folder ${name} already exists`);
      const id = ctx.account.nextFolderId++;
      ctx.account.folders.push({ id, name, renewOption: 'reset', renewOptionEnabled: false });
      const content = { FolderName: name, FolderId: String(id) };
      return success(createFolderEnv, { content: () => ({ FolderCreateContent: content }), json: () => ({ FolderCreateContent: content }) });
    },
  },

  delete_folder: {
    env: deleteFolderEnv,
    run(ctx) {
      ctx.account.domains();
      const ids = ctx.q.required('folder_id').split(',').map((s) => s.trim());
      for (const id of ids) if (!ctx.account.folders.some((f) => String(f.id) === id)) fail(`could not find folder ${id}`);
      const gone = new Set(ids.map(Number));
      ctx.account.folders = ctx.account.folders.filter((f) => !gone.has(f.id));
      // Domains of a deleted folder go back to "(no folder)".
      for (const d of ctx.account.domains().values()) if (gone.has(d.folderId)) d.folderId = -1;
      return success(deleteFolderEnv);
    },
  },

  set_folder_name: {
    env: folderNameEnv,
    run(ctx) {
      ctx.account.domains();
      const id = ctx.q.required('folder_id');
      const name = ctx.q.required('folder_name');
      const folder = ctx.account.folders.find((f) => String(f.id) === id);
      if (!folder) fail(`could not find folder ${id}`);
      if (ctx.account.folders.some((f) => f.name === name && f !== folder)) fail(`folder ${name} already exists`);
      folder.name = name;
      return success(folderNameEnv);
    },
  },

  set_folder_renew_option: {
    env: folderRenewEnv,
    run(ctx) {
      ctx.account.domains();
      const id = ctx.q.required('folder_id');
      const folder = ctx.account.folders.find((f) => String(f.id) === id);
      if (!folder) fail(`could not find folder ${id}`);
      const option = ctx.q.required('renew_option');
      if (option !== 'donot' && option !== 'auto' && option !== 'reset') fail(`invalid renew_option ${option}, it must be donot, auto, reset`);
      folder.renewOption = option;
      if (ctx.q.get('enable') === 'yes') folder.renewOptionEnabled = true;
      if (ctx.q.get('sync') === 'yes') for (const d of ctx.account.domains().values()) if (d.folderId === folder.id) d.renewOption = option;
      return success(folderRenewEnv);
    },
  },

  folder_list: {
    env: folderListEnv,
    run(ctx) {
      ctx.account.domains();
      const folders = ctx.account.folders;
      const whois = (): XmlObject => ({
        DefaultWhoisEnableStatus: 'disable',
        DefaultRegistrant: contact('0'),
        DefaultAdmin: contact('0'),
        DefaultTechnical: contact('0'),
        DefaultBilling: contact('0'),
      });
      const renew = (f: (typeof folders)[number]): Record<string, string> => ({
        DefaultRenewOptionEnableStatus: f.renewOptionEnabled ? 'enable' : 'disable',
        RenewOption: RENEW_TEXT[f.renewOption],
      });
      const lock = { DefaultTransferLockEnableStatus: 'disable', LockStatus: 'locked' };
      const ns = { Type: 'Dynadot Parking', WithAds: 'Yes' };
      return success(folderListEnv, {
        content: () => ({
          FolderListContent: {
            FolderList: {
              List: {
                Folder: folders.map((f) => ({
                  FolderId: String(f.id),
                  FolderName: f.name,
                  DefaultWhois: whois(),
                  DefaultNameServers: { DefaultNameServerEnableStatus: 'disable', NameServerSettings: ns },
                  DefaultRenewOption: renew(f),
                  DefaultTransferLock: lock,
                })),
              },
            },
          },
        }),
        // The seed's JSON names the name-server flag "DefaultTransferLockEnableStatus"; reproduced.
        json: () => ({
          FolderList: folders.map((f) => ({
            FolderId: String(f.id),
            FolderName: f.name,
            DefaultWhois: whois(),
            DefaultNameServers: { DefaultTransferLockEnableStatus: 'disable', NameServerSettings: ns },
            DefaultRenewOption: renew(f),
            DefaultTransferLock: lock,
          })),
        }),
      });
    },
  },
};
